import { DataSource } from 'typeorm';
import type { SignedIn } from './factories.js';
import type { TestApp } from './test-app.js';

/** Skills from the seeded taxonomy, by name. */
export async function skillIds(t: TestApp, names: string[]): Promise<Record<string, string>> {
  const rows: { id: string; name: string }[] = await t.app
    .get(DataSource)
    .query(`SELECT id, name FROM skills WHERE name = ANY($1)`, [names]);
  const byName = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  for (const name of names) if (byName[name] === undefined) throw new Error(`no skill ${name}`);
  return byName;
}

/** A complete, valid profile body; override any field. */
export function makeProfileBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    headline: 'Customer support agent, English and German',
    bio: 'Two years of remote support for an e-commerce shop.',
    country: 'RS',
    city: 'Novi Sad',
    skills: [],
    languages: [{ code: 'en', level: 'B2' }],
    workModes: ['remote'],
    engagementTypes: ['freelance', 'part_time'],
    hoursPerWeek: 20,
    availableFrom: '2026-12-01',
    hourlyRateEur: 12.5,
    portfolio: [{ title: 'Support playbook', url: 'https://example.org/playbook' }],
    openToWork: true,
    visibility: 'companies',
    ...overrides,
  };
}

/** Reads the own profile and writes `body` over it with the right If-Match. */
export async function putProfile(
  t: TestApp,
  trainee: SignedIn,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown> & { id: string; version: number }> {
  const current = await t.http
    .get('/api/profiles/me')
    .auth(trainee.accessToken, { type: 'bearer' });
  if (current.status !== 200) throw new Error(`read failed: ${current.status} ${current.text}`);
  const res = await t.http
    .put('/api/profiles/me')
    .auth(trainee.accessToken, { type: 'bearer' })
    .set('If-Match', current.headers.etag)
    .send(makeProfileBody(overrides));
  if (res.status !== 200) throw new Error(`update failed: ${res.status} ${res.text}`);
  return res.body;
}

/** The taxonomy's names of these skills, by id (read from the database, not through the API). */
export async function skillNamesById(t: TestApp, ids: string[]): Promise<Record<string, string>> {
  const rows: { id: string; name: string }[] = await t.app
    .get(DataSource)
    .query(`SELECT id, name FROM skills WHERE id = ANY($1::uuid[])`, [ids]);
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
