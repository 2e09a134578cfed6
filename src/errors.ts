/**
 * An error that reaches an API caller: an HTTP status, a stable machine-readable code and
 * details (for validation, the fields at fault). Mapped to problem+json in one middleware.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, code = `no-such-${what}`) => new AppError(404, code, `no such ${what}`);
export const forbidden = (message = 'not allowed') => new AppError(403, 'forbidden', message);
export const unauthorized = (message = 'sign in first') => new AppError(401, 'unauthenticated', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
/** 409 naming the field (a device, DID, e-mail already someone else's), shaped like a 400's `fields`. */
export const conflictOn = (field: string, code: string, message: string) =>
  new AppError(409, code, `${field}: ${message}`, { fields: [{ field, message }] });
export const badRequest = (field: string, message: string) =>
  new AppError(400, 'invalid-request', `${field}: ${message}`, { fields: [{ field, message }] });
