import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { ZodError, type ZodType, type ZodTypeDef } from 'zod';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { redactMediaPath } from './media-signature.js';

/** Validates once at the route; the handler gets a typed value or the client a 400 naming the field. */
export function parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown, where: 'body' | 'query' | 'params' = 'body'): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw validationError(result.error, where);
}

export function validationError(error: ZodError, where: string): AppError {
  const fields = error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : where,
    message: issue.message,
  }));
  const first = fields[0]!;
  return new AppError(400, 'invalid-request', `${first.field}: ${first.message}`, { fields });
}

/** Express 4 does not pass rejected promises on: wrap every async handler. */
export const asyncRoute = (handler: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler =>
  (req, res, next) => { handler(req, res, next).catch(next); };

/** Every error becomes RFC 9457 problem+json with a stable `code`; 5xx details stay in the log. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let status = 500;
    let code = 'internal-error';
    let detail = 'something went wrong on our side';
    let extra: Record<string, unknown> = {};
    if (error instanceof AppError) {
      ({ status, code } = error);
      detail = error.message;
      extra = error.details ?? {};
    } else if (error instanceof ZodError) {
      const mapped = validationError(error, 'body');
      status = 400; code = mapped.code; detail = mapped.message; extra = mapped.details ?? {};
    } else if (isBodyParserError(error)) {
      status = 400; code = 'invalid-json'; detail = `body: ${error.message}`; extra = { fields: [{ field: 'body', message: 'not valid JSON' }] };
    } else if (isClientError(error)) {
      // Express and body-parser mark what the client got wrong with a 4xx status: a path
      // that is not valid percent-encoding, a body too large or in another charset.
      status = error.status; code = 'bad-request'; detail = error.message;
    }
    if (status >= 500) log.error({ err: error, method: req.method, path: redactMediaPath(req.path) }, 'request failed');
    res.status(status).type('application/problem+json').json({ type: `about:blank#${code}`, title: code, status, code, detail, ...extra });
  };
}

function isBodyParserError(error: unknown): error is Error & { type: string } {
  return typeof error === 'object' && error !== null && 'type' in error && (error as { type: unknown }).type === 'entity.parse.failed';
}

function isClientError(error: unknown): error is Error & { status: number } {
  if (typeof error !== 'object' || error === null || !('status' in error)) return false;
  const status = (error as { status: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
