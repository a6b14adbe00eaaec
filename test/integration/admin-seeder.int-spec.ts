import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-databases.js';
import { TEST_JWT_SECRET, deleteIndexes } from '../support/test-app.js';

const ADMIN = { email: 'first.admin@talentbridge.test', password: 'First-admin-password-1' };

describe('first admin seeding', () => {
  let db: TestDatabase;
  const prefix = `tseed${Date.now().toString(36)}_`;
  const apps: NestExpressApplication[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      MEILI_INDEX_PREFIX: prefix,
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await deleteIndexes(prefix);
    await db.drop();
  });

  const admins = async (app: NestExpressApplication) =>
    app.get(DataSource).query(`SELECT email FROM users WHERE role = 'admin'`) as Promise<
      { email: string }[]
    >;

  it('creates one admin however often and however concurrently the API starts', async () => {
    apps.push(await createApiApp());
    apps.push(...(await Promise.all([createApiApp(), createApiApp()])));
    expect(await admins(apps[0])).toEqual([{ email: ADMIN.email }]);
  });

  it('never overwrites the existing admin (a changed ADMIN_PASSWORD does not reset it)', async () => {
    process.env.ADMIN_PASSWORD = 'Another-admin-password-2';
    apps.push(await createApiApp());
    const app = apps[apps.length - 1];
    expect(await admins(app)).toHaveLength(1);
    const http = request(app.getHttpServer());
    await http.post('/api/auth/login').send(ADMIN).expect(200);
    await http
      .post('/api/auth/login')
      .send({ email: ADMIN.email, password: 'Another-admin-password-2' })
      .expect(401);
  });
});
