import type { z } from 'zod';
import { describeRoute, documents, type OpenAPIRegistry } from '../../../http/openapi/describe.js';
import type { ConsoleView } from '../console/console-view.js';
import { callParam, consoleView, parkedView, slotParam, transferBody, voicemailBody } from './operator-schemas.js';

documents<z.infer<typeof consoleView>, ConsoleView>();

const operatorOnly = { 403: 'The operator and administrators only' };
const onACall = { ...operatorOnly, 404: 'No such call at your company number (or no such user in your organisation)', 409: 'The call is being picked up' };

/** The operator console's routes (operator-routes.ts) in /api/openapi.json. */
export function describeOperatorApi(registry: OpenAPIRegistry): void {
  const tag = 'operator console';
  describeRoute(registry, { tag, method: 'get', path: '/attendant/console', summary: 'Calls at the company number now (menu, waiting, ringing, parked) and the directory with each person\'s state', responses: { 200: consoleView }, problems: operatorOnly });
  describeRoute(registry, {
    tag, method: 'get', path: '/attendant/console/live', summary: 'Server-sent events: `console` (OperatorConsole, the whole console each time it changes)',
    responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: consoleView } } } }, problems: operatorOnly,
  });
  describeRoute(registry, {
    tag, method: 'post', path: '/attendant/console/calls/{callId}/transfer', params: callParam, body: transferBody, responses: { 202: 'The person rings (as if the caller picked them in the menu)' },
    summary: 'Transfer the caller to a person, blind or announced: out of office, backup and voicemail apply as in the menu', problems: onACall,
  });
  describeRoute(registry, { tag, method: 'post', path: '/attendant/console/calls/{callId}/voicemail', params: callParam, body: voicemailBody, responses: { 202: 'The caller hears the person\'s greeting' }, summary: 'Send the caller to a person\'s voicemail', problems: { ...onACall, 409: 'No mailbox, or the call is being picked up' } });
  describeRoute(registry, { tag, method: 'post', path: '/attendant/console/calls/{callId}/park', params: callParam, responses: { 200: parkedView }, summary: 'Park the caller (music on hold) in the lowest free slot', problems: { ...onACall, 409: 'Parked already' } });
  describeRoute(registry, { tag, method: 'post', path: '/attendant/console/calls/{callId}/hangup', params: callParam, responses: { 204: 'Hung up' }, summary: 'Hang up on the caller', problems: onACall });
  describeRoute(registry, {
    tag, method: 'post', path: '/attendant/console/parked/{slot}/pickup', params: slotParam, responses: { 202: parkedView },
    summary: 'Pick up a parked call: your own phone rings; answered, you talk to the caller; unanswered, the caller stays parked', problems: { ...operatorOnly, 404: 'No call in that slot', 409: 'Being picked up already' },
  });
}
