import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import {
  DEFAULT_RETRY_AFTER_SECONDS,
  DomainError,
  InputValidationError,
  ServiceUnavailableError,
} from './domain-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  errorId?: string;
  [extension: string]: unknown;
}

/** Errors thrown by body-parser and other express middleware carry a status of their own. */
interface MiddlewareError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/**
 * Recognises an error of a library the HTTP layer does not know (e.g. the search engine's client
 * failing to connect) and says which domain error it stands for; undefined when it does not.
 */
export type ErrorTranslator = (error: unknown) => DomainError | undefined;

const titleOf = (status: number): string => STATUS_CODES[status] ?? 'Error';
const typeOf = (code: string): string =>
  `https://talentbridge.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;

/**
 * Turns every error into an RFC 9457 `application/problem+json` response. Unknown errors become
 * a 500 with an `errorId` that is also logged with the stack; clients never see internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly translators: readonly ErrorTranslator[] = []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request>();
    const response = ctx.getResponse<Response>();
    const error = this.translate(exception);
    const problem = this.toProblem(error);
    problem.instance = request.originalUrl?.split('?')[0];
    if (response.headersSent) return;
    // a route that caches its answers never caches an error
    response.setHeader('Cache-Control', 'no-store');
    // A 429 or 503 that says when to come back says it in the standard header too.
    if (typeof problem.retryAfterSeconds === 'number') {
      response.setHeader('Retry-After', String(problem.retryAfterSeconds));
    } else if (problem.status === 503) {
      const seconds =
        error instanceof ServiceUnavailableError
          ? error.retryAfterSeconds
          : DEFAULT_RETRY_AFTER_SECONDS;
      response.setHeader('Retry-After', String(seconds));
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  /** The domain error a translator recognises in `exception` (logged with its cause), or itself. */
  translate(exception: unknown): unknown {
    if (exception instanceof DomainError || exception instanceof HttpException) return exception;
    for (const translator of this.translators) {
      const translated = translator(exception);
      if (translated !== undefined) {
        // the cause names internals (hosts, ports): logged here, never sent
        this.logger.warn(
          { err: exception, code: translated.code },
          `${translated.code}: ${exception instanceof Error ? exception.message : String(exception)}`,
        );
        return translated;
      }
    }
    return exception;
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof InputValidationError) {
      return {
        type: typeOf(exception.code),
        title: 'Validation failed',
        status: 400,
        detail: 'The request contains invalid fields; see errors.',
        code: exception.code,
        errors: exception.errors,
      };
    }
    if (exception instanceof DomainError) {
      return {
        ...exception.extensions,
        type: typeOf(exception.code),
        title: titleOf(exception.status),
        status: exception.status,
        detail: exception.message,
        code: exception.code,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest wraps body-parser's errors (bad JSON, too large) and keeps the original as cause.
      const cause = exception.cause as MiddlewareError | undefined;
      if (typeof cause?.type === 'string') return this.middlewareProblem(status, cause);
      const body = exception.getResponse();
      const message =
        typeof body === 'string'
          ? body
          : Array.isArray((body as { message?: unknown }).message)
            ? ((body as { message: string[] }).message.join('; ') ?? exception.message)
            : (((body as { message?: string }).message as string | undefined) ?? exception.message);
      return { type: 'about:blank', title: titleOf(status), status, detail: message };
    }
    const middleware = exception as MiddlewareError | null;
    const status = middleware?.status ?? middleware?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return this.middlewareProblem(status, middleware as MiddlewareError);
    }
    const errorId = randomUUID();
    this.logger.error(
      { err: exception, errorId },
      `Unhandled error ${errorId}: ${exception instanceof Error ? exception.message : String(exception)}`,
    );
    return {
      type: 'about:blank',
      title: titleOf(HttpStatus.INTERNAL_SERVER_ERROR),
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'An unexpected error occurred. Quote the errorId when reporting it.',
      errorId,
    };
  }

  private middlewareProblem(status: number, error: MiddlewareError): ProblemDetails {
    if (error.type === 'entity.parse.failed') {
      return {
        type: typeOf('MALFORMED_BODY'),
        title: titleOf(400),
        status: 400,
        detail: 'The request body is not valid JSON',
        code: 'MALFORMED_BODY',
        errors: [{ field: 'body', message: 'must be valid JSON' }],
      };
    }
    if (error.type === 'entity.too.large') {
      return {
        type: typeOf('PAYLOAD_TOO_LARGE'),
        title: titleOf(413),
        status: 413,
        detail: 'The request body is larger than this endpoint accepts',
        code: 'PAYLOAD_TOO_LARGE',
        errors: [{ field: 'body', message: 'is too large' }],
      };
    }
    return {
      type: 'about:blank',
      title: titleOf(status),
      status,
      detail: error.expose === true && error.message ? error.message : titleOf(status),
    };
  }
}
