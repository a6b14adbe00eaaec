/** `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded server). */
import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { runMigrations } from '@app/database';
import { startEmbeddedServices } from '@app/embedded';

const config = loadConfigOrExit();
const services = await startEmbeddedServices({
  ...config,
  meiliHost: config.meiliHost ?? 'http://unused',
});
try {
  const applied = await runMigrations({
    ...config,
    databaseUrl: services.env.DATABASE_URL ?? config.databaseUrl,
  });
  process.stdout.write(
    applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'nothing to apply\n',
  );
} finally {
  await services.stop();
}
