import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { buildTypeOrmOptions } from './typeorm-options.js';

/** Data source for the TypeORM CLI (`npx typeorm -d dist/libs/database/src/data-source.js`). */
export default new DataSource(buildTypeOrmOptions(loadConfig()));
