import { describeRoute, type OpenAPIRegistry } from '../../../http/openapi/describe.js';
import { CALL_ACTIONS, LINE_ACTIONS } from './console-routes.js';
import { consoleAccepted, consoleCallParams, consoleExecutiveParams, consoleNoBody, consoleNumberBody, consolePushBody, consoleView } from './console-schemas.js';

const refusals = {
  403: 'not-an-assistant (no assistant service) or not-in-pool (not in this executive\'s pool)',
  404: 'no-such-executive (none in your organisation) or no-such-call (ended, or another executive\'s)',
  409: 'action-not-available (the call is no longer in a state for it), no-phone, no-call-to-act-on, no-executive-phone',
};

/** The assistant console's routes (console-routes.ts) in /api/openapi.json. */
export function describeConsoleApi(registry: OpenAPIRegistry): void {
  const tag = 'assistant console';
  describeRoute(registry, {
    tag, method: 'get', path: '/assistant-console', responses: { 200: consoleView },
    summary: 'My executives\' lines, their settings in short and the calls I may act on (assistants only)',
    problems: { 403: 'not-an-assistant' },
  });
  for (const { action, number, summary } of CALL_ACTIONS) {
    describeRoute(registry, {
      tag, method: 'post', path: `/assistant-console/executives/{executiveId}/calls/{callId}/${action}`, summary,
      params: consoleCallParams, body: action === 'push' ? consolePushBody : number ? consoleNumberBody : consoleNoBody, responses: { 202: consoleAccepted }, problems: refusals,
    });
  }
  for (const { action, number, summary } of LINE_ACTIONS) {
    describeRoute(registry, {
      tag, method: 'post', path: `/assistant-console/executives/{executiveId}/${action}`, summary,
      params: consoleExecutiveParams, body: number ? consoleNumberBody : consoleNoBody, responses: { 202: consoleAccepted }, problems: refusals,
    });
  }
}
