import 'reflect-metadata';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { createApiApp } from './create-api-app.js';

process.env.TALENTBRIDGE_PROCESS ??= 'api';
const app = await createApiApp();
const config = app.get<AppConfig>(APP_CONFIG);
await app.listen(config.port);
new Logger('Api').log(`API listening on http://localhost:${config.port} (docs at /docs)`);
