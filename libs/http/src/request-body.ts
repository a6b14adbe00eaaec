import {
  Injectable,
  UseInterceptors,
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiPayloadTooLargeResponse } from '@nestjs/swagger';
import { json, text, type NextFunction, type Request, type Response } from 'express';
import type { Observable } from 'rxjs';
import { InputValidationError, type FieldError } from './domain-error.js';

/** Body limit of every route: no ordinary write comes near it. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** Body limit of bulk-upload routes (e.g. a 5,000-row listing import with full descriptions). */
export const BULK_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * Deepest nesting of arrays and objects a JSON body may have. Our deepest DTO is three levels;
 * class-transformer recurses once per level, so 10,000 levels overflowed the stack (a 500).
 */
export const MAX_BODY_DEPTH = 32;

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/** Shaped like body-parser's own error, so the problem filter answers both alike. */
function payloadTooLarge(): Error {
  return Object.assign(new Error('request entity too large'), {
    status: 413,
    statusCode: 413,
    expose: true,
    type: 'entity.too.large',
  });
}

/**
 * body-parser drains a body announced over its limit before it answers 413; a client could make
 * us read 31 MB to hear "too large". A `Content-Length` over the limit is refused at once.
 */
function announcedTooLarge(req: Request, limit: number): boolean {
  const announced = Number(req.headers['content-length']);
  return Number.isFinite(announced) && announced > limit;
}

const run = (middleware: Middleware, req: Request, res: Response): Promise<void> =>
  new Promise((resolve, reject) => {
    middleware(req, res, (error?: unknown) => (error === undefined ? resolve() : reject(error)));
  });

const fieldOf = (parent: string, key: string | number, parentIsRoot: boolean): string =>
  typeof key === 'number'
    ? `${parentIsRoot ? 'body' : parent}[${key}]`
    : parentIsRoot
      ? key
      : `${parent}.${key}`;

const NUL_MESSAGE = 'must not contain NUL characters (U+0000)';

/**
 * Checks a parsed body before anything else looks at it: no nesting deeper than
 * {@link MAX_BODY_DEPTH}, and no NUL character in any string or key (PostgreSQL refuses NUL in
 * text, and no text a person writes contains one). Iterative, so depth cannot overflow it.
 * Field paths are written as validation errors write them (`portfolio[0].title`).
 */
export function findBodyProblem(body: unknown): FieldError | undefined {
  if (typeof body === 'string') {
    return body.includes('\u0000') ? { field: 'body', message: NUL_MESSAGE } : undefined;
  }
  const stack: { value: unknown; field: string; depth: number; root: boolean }[] = [
    { value: body, field: 'body', depth: 1, root: true },
  ];
  while (stack.length > 0) {
    const { value, field, depth, root } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { field, message: NUL_MESSAGE };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) {
      return { field: 'body', message: `must not nest deeper than ${MAX_BODY_DEPTH} levels` };
    }
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) =>
        stack.push({ value: item, field: fieldOf(field, i, root), depth: depth + 1, root: false }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const path = fieldOf(field, key, root);
      if (key.includes('\u0000')) return { field: path, message: NUL_MESSAGE };
      stack.push({ value: item, field: path, depth: depth + 1, root: false });
    }
  }
  return undefined;
}

function assertAcceptableBody(body: unknown): void {
  const problem = findBodyProblem(body);
  if (problem !== undefined) throw new InputValidationError([problem]);
}

/**
 * Normalised the way express routes (case-insensitive, a trailing slash ignored), so a spelling
 * of a bulk path cannot slip past the check. One that did would only meet the ordinary limit.
 */
const routeKey = (path: string): string => path.toLowerCase().replace(/\/+$/, '');

/**
 * The JSON parser of every route except the bulk ones, with the 1 MB limit, followed by the
 * body check. Bulk routes are skipped here: {@link BulkBody} reads their bodies after the guards.
 */
export function ordinaryBodyParser(bulkPaths: readonly string[]): Middleware {
  const bulk = new Set(bulkPaths.map(routeKey));
  const parser = json({ limit: JSON_BODY_LIMIT });
  return (req, res, next) => {
    if (bulk.has(routeKey(req.path))) return next();
    if (announcedTooLarge(req, JSON_BODY_LIMIT)) return next(payloadTooLarge());
    run(parser, req, res)
      .then(() => assertAcceptableBody(req.body))
      .then(() => next(), next);
  };
}

const bulkJson = json({ limit: BULK_BODY_LIMIT });
const bulkCsv = text({ type: 'text/csv', limit: BULK_BODY_LIMIT });

/**
 * Reads a bulk body (JSON or `text/csv`, up to {@link BULK_BODY_LIMIT}) only once the guards
 * have let the request through: interceptors run after guards, so an anonymous or unauthorised
 * request is answered 401/403 without its body being read, let alone parsed.
 */
@Injectable()
export class BulkBodyInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (announcedTooLarge(req, BULK_BODY_LIMIT)) throw payloadTooLarge();
    // Each parser skips a body already read: one of another type, or a path spelled unlike
    // the registered one, which met the ordinary parser and its 1 MB limit.
    await run(bulkJson, req, res);
    await run(bulkCsv, req, res);
    assertAcceptableBody(req.body);
    return next.handle();
  }
}

/**
 * Marks a bulk-upload handler. Its path must also be listed in `bulkBodyRoutes` of
 * `configureApp()`, so the ordinary parser leaves the body to this one.
 */
export const BulkBody = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(BulkBodyInterceptor),
    ApiPayloadTooLargeResponse({ description: 'Body over 32 MB' }),
  );
