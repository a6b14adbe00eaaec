import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SignedIn } from './factories.js';
import { bearer, inDays, uniqueSourceUrl } from './opportunity-factories.js';
import type { TestApp } from './test-app.js';

/** Environment of an app whose webhooks may reach the local receiver and retry quickly. */
export const WEBHOOK_TEST_ENV = {
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_BACKOFF_BASE_MS: '20',
  WEBHOOK_TIMEOUT_MS: '2000',
};

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; event: string; createdAt: string; data: Record<string, unknown> };
}

/** A webhook receiver on 127.0.0.1 that records every request and answers `status`. */
export interface Receiver {
  url: string;
  received: ReceivedHook[];
  status: number;
  close(): Promise<void>;
}

export async function startReceiver(status = 204): Promise<Receiver> {
  const received: ReceivedHook[] = [];
  const receiver: Receiver = { url: '', received, status, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body, json: JSON.parse(body) });
      res.statusCode = receiver.status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Registers a webhook and returns its id and the secret shown once. */
export async function registerWebhook(
  t: TestApp,
  as: SignedIn,
  url: string,
  events: string[],
): Promise<{ id: string; secret: string }> {
  const res = await t.http
    .post('/api/webhooks')
    .auth(...bearer(as))
    .send({ url, events });
  if (res.status !== 201) throw new Error(`webhook failed: ${res.status} ${res.text}`);
  return { id: res.body.id, secret: res.body.secret };
}

function opportunityBody(skillId: string, openings: number): Record<string, unknown> {
  return {
    title: 'Customer support in English',
    description: 'Answer e-mails and chats for an online shop',
    skills: [{ skillId, minLevel: 2, mustHave: true }],
    languages: [{ code: 'en', minLevel: 'B1' }],
    engagementType: 'freelance',
    workMode: 'remote',
    hoursPerWeek: 20,
    budget: { type: 'hourly', minEur: 8, maxEur: 15 },
    openings,
    deadline: inDays(30),
  };
}

/** A published work request of `company` asking for one skill. */
export async function createOpenWorkRequest(
  t: TestApp,
  company: SignedIn,
  skillId: string,
  openings = 1,
): Promise<string> {
  const created = await t.http
    .post('/api/work-requests')
    .auth(...bearer(company))
    .send(opportunityBody(skillId, openings));
  if (created.status !== 201) throw new Error(`request failed: ${created.status} ${created.text}`);
  const published = await t.http
    .post(`/api/work-requests/${created.body.id}/publish`)
    .auth(...bearer(company));
  if (published.status !== 200) throw new Error(`publish failed: ${published.text}`);
  return created.body.id;
}

/** An open listing of the broker's organisation. */
export async function createListing(
  t: TestApp,
  broker: SignedIn,
  skillId: string,
  openings = 1,
): Promise<string> {
  const res = await t.http
    .post('/api/listings')
    .auth(...bearer(broker))
    .send({
      ...opportunityBody(skillId, openings),
      source: 'upwork',
      sourceUrl: uniqueSourceUrl(),
    });
  if (res.status !== 201) throw new Error(`listing failed: ${res.status} ${res.text}`);
  return res.body.id;
}

/** Shortlists a profile (by `as`) and returns the match id. */
export async function shortlist(
  t: TestApp,
  as: SignedIn,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await t.http
    .post('/api/matches')
    .auth(...bearer(as))
    .send(body);
  if (res.status !== 201) throw new Error(`shortlist failed: ${res.status} ${res.text}`);
  return res.body.id;
}

/** Moves a match, expecting success. */
export async function move(
  t: TestApp,
  as: SignedIn,
  matchId: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const res = await t.http
    .post(`/api/matches/${matchId}/transitions`)
    .auth(...bearer(as))
    .send(body);
  if (res.status !== 200) throw new Error(`move failed: ${res.status} ${res.text}`);
  return res.body;
}
