/**
 * `npm run openapi` writes the OpenAPI document to openapi.json; `--check` fails when the
 * checked-in file differs from what the code describes. No server or database is contacted.
 */
import 'reflect-metadata';
import { buildOpenApiDocument } from '@app/http';
import { readFileSync, writeFileSync } from 'node:fs';
import { createApiApp } from '../../api/src/create-api-app.js';

const app = await createApiApp({ preview: true });
const document = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
await app.close();

const file = 'openapi.json';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing file counts as stale
  }
  if (current !== document) {
    process.stderr.write('openapi.json is stale: run `npm run openapi` and commit the result\n');
    process.exit(1);
  }
  process.stdout.write('openapi.json is up to date\n');
} else {
  writeFileSync(file, document);
  process.stdout.write(`wrote ${file}\n`);
}
