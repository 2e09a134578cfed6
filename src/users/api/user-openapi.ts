import type { z } from 'zod';
import { describeRoute, deviceCheckProblem, documents, type OpenAPIRegistry } from '../../http/openapi/describe.js';
import type { LocationView, UserProfile } from '../settings/user-repository.js';
import {
  createUserBody, didsBody, didsView, idParam, listUsersQuery, locationsBody, locationsView, locationView, updateUserBody, userListView, userView,
} from './user-schemas.js';

documents<z.infer<typeof userView>, UserProfile>();
documents<z.infer<typeof locationView>, LocationView>();

const notYours = { 403: 'Not allowed: administrators only, or not your own account', 404: 'No such user in your organisation' };
const taken = { 409: 'Extension, device, DID or e-mail already used by another user; `fields` names it', ...deviceCheckProblem };

/** The users routes (user-routes.ts) in /api/openapi.json, from the schemas they validate with. */
export function describeUserApi(registry: OpenAPIRegistry): void {
  const tag = 'users';
  describeRoute(registry, { method: 'get', path: '/users', tag, summary: 'Administrators: list the organisation\'s users', query: listUsersQuery, responses: { 200: userListView }, problems: { 403: 'Administrators only' } });
  describeRoute(registry, { method: 'post', path: '/users', tag, summary: 'Administrators: create a user', body: createUserBody, responses: { 201: { schema: userView, description: 'Created (Location: /api/users/{id})' } }, problems: { 403: 'Administrators only', ...taken } });
  describeRoute(registry, { method: 'get', path: '/users/{id}', tag, summary: 'A user (administrators: anyone in the organisation; users: themselves)', params: idParam, responses: { 200: userView }, problems: notYours });
  describeRoute(registry, {
    method: 'patch', path: '/users/{id}', tag, summary: 'Change a user', description: 'A user may change their own name, e-mail, password and PIN; administrators anything.',
    params: idParam, body: updateUserBody, responses: { 200: userView }, problems: { ...notYours, ...taken },
  });
  describeRoute(registry, { method: 'delete', path: '/users/{id}', tag, summary: 'Administrators: delete a user (not yourself)', params: idParam, responses: { 204: 'Deleted' }, problems: notYours });
  describeRoute(registry, { method: 'get', path: '/users/{id}/locations', tag, summary: 'A user\'s locations', params: idParam, responses: { 200: locationsView }, problems: notYours });
  describeRoute(registry, { method: 'put', path: '/users/{id}/locations', tag, summary: 'Administrators: replace a user\'s locations (exactly one primary)', params: idParam, body: locationsBody, responses: { 200: locationsView }, problems: { ...notYours, ...taken } });
  describeRoute(registry, { method: 'get', path: '/users/{id}/dids', tag, summary: 'A user\'s DIDs', params: idParam, responses: { 200: didsView }, problems: notYours });
  describeRoute(registry, { method: 'put', path: '/users/{id}/dids', tag, summary: 'Administrators: replace a user\'s DIDs', params: idParam, body: didsBody, responses: { 200: didsView }, problems: { ...notYours, ...taken } });
}
