import type { z } from 'zod';
import { describeRoute, deviceCheckProblem, documents, type OpenAPIRegistry } from '../../http/openapi/describe.js';
import type { organisationView as viewOf } from './organisation-routes.js';
import { createOrganisationBody, nodeListView, organisationCreatedView, organisationIdParam, organisationListView, organisationNodeBody, organisationView as organisationSchema, type organisationView } from './organisation-schemas.js';

documents<z.infer<typeof organisationView>, ReturnType<typeof viewOf>>();

/** The organisations routes (organisation-routes.ts) in /api/openapi.json. */
export function describeOrganisationApi(registry: OpenAPIRegistry): void {
  const tag = 'organisations';
  const systemAdmins = { 403: 'System administrators only' };
  describeRoute(registry, { method: 'get', path: '/organisations', tag, summary: 'System administrators: every organisation (tenant)', responses: { 200: organisationListView }, problems: systemAdmins });
  describeRoute(registry, {
    method: 'post', path: '/organisations', tag, summary: 'System administrators: create an organisation and its first administrator',
    body: createOrganisationBody, responses: { 201: { schema: organisationCreatedView, description: 'Created (Location: /api/organisations/{id})' } },
    problems: { ...systemAdmins, 409: 'Company DID, e-mail or device taken; `fields` names it', ...deviceCheckProblem },
  });
  describeRoute(registry, {
    method: 'put', path: '/organisations/{id}/node', tag, summary: 'System administrators: the Asterisk node that serves an organisation',
    description: 'Its phones register with that node\'s Asterisk; its consoles and live view are answered by that node\'s leading controller, whichever controller the browser reached.',
    params: organisationIdParam, body: organisationNodeBody, responses: { 200: organisationSchema }, problems: { ...systemAdmins, 404: 'No such organisation' },
  });
  describeRoute(registry, { method: 'get', path: '/nodes', tag, summary: 'System administrators: the Asterisk nodes whose controllers share this store', responses: { 200: nodeListView }, problems: systemAdmins });
}
