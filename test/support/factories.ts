import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app.js';
import { TEST_ADMIN } from './test-app.js';

/** A strong password that passes the policy. */
export const GOOD_PASSWORD = 'Correct-horse-battery-9';

let sequence = 0;
/** A unique e-mail address for this run. */
export function uniqueEmail(prefix = 'user'): string {
  sequence += 1;
  return `${prefix}.${sequence}.${randomBytes(3).toString('hex')}@example.org`;
}

export interface SignedIn {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  organisationId: string | null;
}

export function makeTraineeRegistration(overrides: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail('trainee'),
    password: GOOD_PASSWORD,
    displayName: 'Ana Petrović',
    accountType: 'trainee',
    ...overrides,
  };
}

export function makeCompanyRegistration(overrides: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail('company'),
    password: GOOD_PASSWORD,
    displayName: 'Marko Jovanović',
    accountType: 'company',
    organisationName: 'Balkan Code d.o.o.',
    ...overrides,
  };
}

async function registered(
  t: TestApp,
  body: { email: string; password: string },
): Promise<SignedIn> {
  const res = await t.http.post('/api/auth/register').send(body);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return {
    id: res.body.user.id,
    email: body.email,
    password: body.password,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    organisationId: res.body.user.organisationId,
  };
}

export function registerTrainee(t: TestApp, overrides: Record<string, unknown> = {}) {
  return registered(t, makeTraineeRegistration(overrides));
}

/**
 * A company account with its own organisation (the account owns it), its e-mail address
 * confirmed (companies publish only then) unless `verified: false`.
 */
export async function registerCompany(
  t: TestApp,
  overrides: Record<string, unknown> = {},
  options: { verified?: boolean } = {},
): Promise<SignedIn> {
  const company = await registered(t, makeCompanyRegistration(overrides));
  if (options.verified !== false) await verifyEmailOf(t, company.email);
  return company;
}

/**
 * Follows the verification link of the newest verification e-mail queued for `email`, as its
 * owner would (specs that run an SMTP server read the delivered message instead).
 */
export async function verifyEmailOf(t: TestApp, email: string): Promise<void> {
  const rows = (await t.app.get(DataSource).query(
    `SELECT text_body FROM mail_outbox WHERE lower(recipient) = lower($1) AND template = 'verifyEmail'
        ORDER BY created_at DESC LIMIT 1`,
    [email],
  )) as { text_body: string }[];
  const token = /\/api\/auth\/verify-email\?token=([\w-]+)/.exec(rows[0]?.text_body ?? '')?.[1];
  if (token === undefined) throw new Error(`no verification e-mail queued for ${email}`);
  const res = await t.http.post('/api/auth/verify-email').send({ token });
  if (res.status !== 204) throw new Error(`verification failed: ${res.status} ${res.text}`);
}

export async function login(t: TestApp, email: string, password: string): Promise<SignedIn> {
  const res = await t.http.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return {
    id: res.body.user.id,
    email,
    password,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    organisationId: res.body.user.organisationId,
  };
}

/** The admin seeded from ADMIN_EMAIL / ADMIN_PASSWORD by the test app. */
export function loginAdmin(t: TestApp): Promise<SignedIn> {
  return login(t, TEST_ADMIN.email, TEST_ADMIN.password);
}

export async function createOrganisation(
  t: TestApp,
  admin: SignedIn,
  body: {
    name?: string;
    type: 'company' | 'membership_org' | 'training_provider';
    country?: string;
  },
): Promise<string> {
  const res = await t.http
    .post('/api/organisations')
    .auth(admin.accessToken, { type: 'bearer' })
    .send({ name: 'Digital Serbia Initiative', country: 'RS', ...body });
  if (res.status !== 201) throw new Error(`organisation failed: ${res.status} ${res.text}`);
  return res.body.id;
}

/**
 * Creates a person in an organisation (as `by`, an admin or the owner) and signs them in.
 * The first member of an organisation created by an admin becomes its owner.
 */
export async function createMember(
  t: TestApp,
  by: SignedIn,
  organisationId: string,
  role: 'broker' | 'trainer' | 'company',
): Promise<SignedIn> {
  const email = uniqueEmail(role);
  const res = await t.http
    .post(`/api/organisations/${organisationId}/members`)
    .auth(by.accessToken, { type: 'bearer' })
    .send({ email, displayName: `A ${role}`, role, password: GOOD_PASSWORD });
  if (res.status !== 201) throw new Error(`member failed: ${res.status} ${res.text}`);
  return login(t, email, GOOD_PASSWORD);
}

/** A broker who owns a fresh membership organisation. */
export async function makeBroker(t: TestApp, admin?: SignedIn): Promise<SignedIn> {
  const by = admin ?? (await loginAdmin(t));
  const organisationId = await createOrganisation(t, by, { type: 'membership_org' });
  return createMember(t, by, organisationId, 'broker');
}

/** A trainer who owns a fresh training provider. */
export async function makeTrainer(t: TestApp, admin?: SignedIn): Promise<SignedIn> {
  const by = admin ?? (await loginAdmin(t));
  const organisationId = await createOrganisation(t, by, {
    type: 'training_provider',
    name: 'Tirana Tech Academy',
    country: 'AL',
  });
  return createMember(t, by, organisationId, 'trainer');
}
