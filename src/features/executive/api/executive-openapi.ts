import type { z } from 'zod';
import { describeRoute, documents, type OpenAPIRegistry } from '../../../http/openapi/describe.js';
import type {
  AlertingSettings, AssistantSettings, ExecutiveOfAssistant, FilteringSettings, PoolMember, ScreeningSettings,
} from '../settings/executive-settings.js';
import {
  alertingBody, alertingView, assistantSettingsBody, assistantView, executiveOfAssistantView, executiveParam, executiveView, filteringBody,
  filteringView, optInBody, optInParams, poolBody, poolMemberView, poolView, screeningBody, screeningView,
} from './executive-schemas.js';

documents<z.infer<typeof filteringView>, FilteringSettings>();
documents<z.infer<typeof screeningView>, ScreeningSettings>();
documents<z.infer<typeof alertingView>, AlertingSettings & { pushRecallRings: number }>();
documents<z.infer<typeof poolMemberView>, PoolMember>();
documents<z.infer<typeof executiveOfAssistantView>, ExecutiveOfAssistant>();
documents<Omit<z.infer<typeof assistantView>, 'executives'>, AssistantSettings>();

const partial = 'Fields left out keep their value. Executive, assistant in the pool, or administrator.';
const executiveProblems = {
  403: 'Not allowed: not the executive, an assistant in the pool or an administrator; assistants never touch the pool',
  404: 'No such executive in your organisation',
};
const assistantProblems = { 403: 'Only the assistant or an administrator', 404: 'No such assistant in your organisation' };

/** The executive feature's routes (executive-routes.ts, assistant-routes.ts) in /api/openapi.json. */
export function describeExecutiveApi(registry: OpenAPIRegistry): void {
  const tag = 'executive';
  const executive = { tag, params: executiveParam, problems: executiveProblems };
  describeRoute(registry, { ...executive, method: 'get', path: '/executives/{id}', summary: 'Everything of an executive (the pool only for the executive and administrators)', responses: { 200: executiveView } });
  describeRoute(registry, { ...executive, method: 'get', path: '/executives/{id}/filtering', summary: 'Call filtering', responses: { 200: filteringView } });
  describeRoute(registry, { ...executive, method: 'put', path: '/executives/{id}/filtering', summary: `Change call filtering. ${partial}`, body: filteringBody, responses: { 200: filteringView } });
  describeRoute(registry, { ...executive, method: 'get', path: '/executives/{id}/screening', summary: 'Call screening', responses: { 200: screeningView } });
  describeRoute(registry, { ...executive, method: 'put', path: '/executives/{id}/screening', summary: `Change call screening. ${partial}`, body: screeningBody, responses: { 200: screeningView } });
  describeRoute(registry, { ...executive, method: 'get', path: '/executives/{id}/alerting', summary: 'Alerting, caller ID, rollover and push recall', responses: { 200: alertingView } });
  describeRoute(registry, { ...executive, method: 'put', path: '/executives/{id}/alerting', summary: `Change alerting. ${partial}`, body: alertingBody, responses: { 200: alertingView } });
  describeRoute(registry, { ...executive, method: 'get', path: '/executives/{id}/assistants', summary: 'The pool, in alerting order (never for assistants: 403)', responses: { 200: poolView } });
  describeRoute(registry, {
    ...executive, method: 'put', path: '/executives/{id}/assistants', responses: { 200: poolView }, body: poolBody,
    summary: 'Replace the pool (ids in alerting order, same organisation, assistant service) or whether assistants may opt in; executive or administrator only',
  });
  const assistant = { tag, problems: assistantProblems };
  describeRoute(registry, { ...assistant, method: 'get', path: '/assistants/{id}/settings', params: executiveParam, summary: 'Divert and the executives served (assistant or administrator)', responses: { 200: assistantView } });
  describeRoute(registry, { ...assistant, method: 'put', path: '/assistants/{id}/settings', params: executiveParam, summary: 'Divert filtered calls to a number', body: assistantSettingsBody, responses: { 200: assistantView } });
  describeRoute(registry, {
    tag, method: 'put', path: '/assistants/{id}/executives/{execId}/opt-in', params: optInParams, body: optInBody, responses: { 200: assistantView },
    summary: 'Opt in or out of the executive\'s pool (403 opt-in-not-allowed when the executive does not allow it; administrators may)',
    problems: { 403: 'Only the assistant or an administrator, and only if the executive allows opting in and out', 404: 'No such assistant, or not in that executive\'s pool' },
  });
}
