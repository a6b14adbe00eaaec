import type { AppConfig } from '@app/config';
import { NotFoundException, RequestMethod } from '@nestjs/common';
import { json, text, type Request, type Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsFilter } from './problem-details.filter.js';
import { setupSwagger } from './openapi.js';
import { createValidationPipe } from './validation.js';

/** Default JSON body limit; endpoints that take bulk uploads raise it for themselves. */
export const JSON_BODY_LIMIT = '1mb';

/** Body limit of bulk-upload routes (e.g. a 5,000-row listing import with full descriptions). */
export const BULK_BODY_LIMIT = '32mb';

export interface ConfigureAppOptions {
  preview?: boolean;
  /**
   * Paths that accept bulk uploads: JSON and `text/csv` bodies up to {@link BULK_BODY_LIMIT}.
   * Their parsers run before the global 1 MB one, which then leaves the parsed body alone.
   */
  bulkBodyRoutes?: string[];
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
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
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
  for (const path of options.bulkBodyRoutes ?? []) {
    app.use(
      path,
      json({ limit: BULK_BODY_LIMIT }),
      text({ type: 'text/csv', limit: BULK_BODY_LIMIT }),
    );
  }
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      // Verifiers look for signing keys at the well-known place, outside any prefix.
      { path: '.well-known/jwks.json', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
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
