import type { AppConfig } from '@app/config';
import { NotFoundException, RequestMethod } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemDetailsFilter,
  type ErrorTranslator,
} from './problem-details.filter.js';
import { setupSwagger } from './openapi.js';
import { ordinaryBodyParser } from './request-body.js';
import { createValidationPipe } from './validation.js';

/**
 * Every answer is `no-store` unless its route says otherwise: most carry personal data or
 * tokens, and a browser or proxy cache must not keep them. Routes whose answers are public and
 * the same for everyone (the skills taxonomy) opt in to {@link PUBLIC_CACHE_CONTROL}.
 */
export const DEFAULT_CACHE_CONTROL = 'no-store';

/** Public, identical for every caller, and harmless if five minutes stale. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300';

export interface ConfigureAppOptions {
  preview?: boolean;
  /**
   * Paths that accept bulk uploads (JSON and `text/csv` up to 32 MB). The ordinary parser leaves
   * their bodies alone; the handler's `@BulkBody()` reads them after authentication.
   */
  bulkBodyRoutes?: string[];
  /** Errors of libraries below the domain (e.g. the search engine unreachable) as domain errors. */
  errorTranslators?: ErrorTranslator[];
}

/**
 * Applies everything an HTTP app needs, identically in `main.ts`, in tests and in the OpenAPI
 * script: logging, security headers, CORS, body limits, the /api prefix, validation, errors
 * and Swagger.
 */
export function configureApp(
  app: NestExpressApplication,
  config: AppConfig,
  options: ConfigureAppOptions = {},
): void {
  if (options.preview !== true) app.useLogger(app.get(Logger));
  // X-Forwarded-For is believed only from the configured proxies; otherwise anyone could pick
  // the client IP that per-IP limits count.
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  app.disable('x-powered-by');
  app.use((_req: Request, res: Response, next: () => void) => {
    res.setHeader('Cache-Control', DEFAULT_CACHE_CONTROL);
    next();
  });
  app.use(
    helmet({
      // Swagger UI at /docs needs its inline bootstrap script; the API itself only serves JSON.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
    exposedHeaders: ['ETag', 'X-Request-Id', 'Location'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'],
  });
  // The app is created with `bodyParser: false`: this is the only parser before the guards.
  app.use(ordinaryBodyParser(options.bulkBodyRoutes ?? []));
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      // Verifiers look for signing keys at the well-known place, outside any prefix.
      { path: '.well-known/jwks.json', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(options.errorTranslators));
  app.enableShutdownHooks();
  setupSwagger(app);
}

/**
 * Nest answers unknown routes under the /api prefix itself; anything else (e.g. `/nope`) would
 * reach express's HTML 404. Appended after initialisation, this answers it with problem+json too.
 */
export function installNotFoundFallback(app: NestExpressApplication): void {
  const filter = new ProblemDetailsFilter();
  app
    .getHttpAdapter()
    .getInstance()
    .use((req: Request, res: Response) => {
      const problem = filter.toProblem(new NotFoundException(`Cannot ${req.method} ${req.path}`));
      problem.instance = req.path;
      res.status(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
    });
}
