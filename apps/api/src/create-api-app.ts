import { APP_CONFIG, loadConfig, type AppConfig } from '@app/config';
import { configureApp, installNotFoundFallback } from '@app/http';
import { LISTING_IMPORT_PATH } from '@app/opportunities';
import { translateSearchUnavailable } from '@app/search';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';

export interface CreateApiAppOptions {
  /**
   * Build the module graph without instantiating providers (no database or search connection):
   * enough to describe the routes in the OpenAPI document.
   */
  preview?: boolean;
}

/** Creates the configured, initialised HTTP application (not yet listening); shared by main, tests and tools. */
export async function createApiApp(
  options: CreateApiAppOptions = {},
): Promise<NestExpressApplication> {
  const preview = options.preview === true;
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: !preview,
    bodyParser: false,
    preview,
    logger: preview ? false : undefined,
  });
  const config = preview ? loadConfig() : app.get<AppConfig>(APP_CONFIG);
  configureApp(app, config, {
    preview,
    bulkBodyRoutes: [LISTING_IMPORT_PATH],
    errorTranslators: [translateSearchUnavailable],
  });
  if (!preview) {
    await app.init();
    installNotFoundFallback(app);
  }
  return app;
}
