import { describeRoute, type OpenAPIRegistry } from '../openapi/describe.js';
import { impersonateBody, impersonationStoppedView, loginBody, meView, sessionView } from './auth-schemas.js';

/** Sign-in, sign-out and impersonation (auth-routes.ts) in /api/openapi.json. */
export function describeAuthApi(registry: OpenAPIRegistry): void {
  const tag = 'auth';
  describeRoute(registry, {
    method: 'post', path: '/auth/login', tag, public: true, summary: 'Sign in with e-mail or extension and password (rate-limited per address and login)',
    body: loginBody, responses: { 200: sessionView }, problems: { 401: 'Wrong login or password', 429: 'Too many failed attempts; wait a few minutes' },
  });
  describeRoute(registry, { method: 'post', path: '/auth/logout', tag, summary: 'Sign out (ends the session)', responses: { 204: 'Signed out' } });
  describeRoute(registry, { method: 'get', path: '/auth/me', tag, summary: 'The signed-in user, the CSRF token and any impersonation', responses: { 200: meView } });
  describeRoute(registry, {
    method: 'post', path: '/auth/impersonate', tag, summary: 'Administrators: act as another user of the organisation; a reason is required and audited',
    body: impersonateBody, responses: { 201: { schema: sessionView, description: 'Now acting as the user' } },
    problems: { 403: 'Administrators only', 404: 'No such user in your organisation', 409: 'Already impersonating' },
  });
  describeRoute(registry, {
    method: 'post', path: '/auth/impersonate/stop', tag, summary: 'Stop impersonating; the administrator\'s own session is restored',
    responses: { 200: impersonationStoppedView }, problems: { 403: 'Not impersonating anyone' },
  });
}
