import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { MailRelay } from '@app/mail';
import { DataSource } from 'typeorm';
import { createOpenWorkRequest } from '../support/brokering-factories.js';
import { skillIds } from '../support/profile-factories.js';
import { startTestMailSink, type TestMailSink } from '../support/mail-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  GOOD_PASSWORD,
  login,
  registerCompany,
  registerTrainee,
  uniqueEmail,
} from '../support/factories.js';

const PROBLEM = /^application\/problem\+json/;
const NEW_PASSWORD = 'Autumn-river-lantern-42';
const RESET_PATH = '/api/auth/password-reset/confirm';
const VERIFY_PATH = '/api/auth/verify-email';

function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

describe('account recovery and e-mail verification (HTTP, real SMTP)', () => {
  let t: TestApp;
  let sink: TestMailSink;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const deliver = () => t.app.get(MailRelay).drain();
  const requestReset = (email: string) => t.http.post('/api/auth/password-reset').send({ email });

  beforeAll(async () => {
    sink = await startTestMailSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://talentbridge.test',
      PASSWORD_RESET_THROTTLE_PER_EMAIL: '3',
      PASSWORD_RESET_THROTTLE_PER_IP: '100000',
    });
  });

  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  beforeEach(() => sink.clear());

  it('resets the password through the e-mailed link and ends every session', async () => {
    const trainee = await registerTrainee(t);
    const other = await login(t, trainee.email, GOOD_PASSWORD);
    await requestReset(trainee.email).expect(202);
    await deliver();
    const [mail] = sink.to(trainee.email).filter((m) => m.text?.includes(RESET_PATH));
    expect(mail.subject).toBe('Reset your Talentbridge password');
    expect(mail.text).toContain(`https://talentbridge.test${RESET_PATH}?token=`);
    const token = sink.tokenFrom(trainee.email, RESET_PATH);

    await t.http.post(RESET_PATH).send({ token, password: NEW_PASSWORD }).expect(204);

    for (const session of [trainee, other]) {
      await t.http.get('/api/me').set(bearer(session.accessToken)).expect(401);
      await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
    }
    await t.http
      .post('/api/auth/login')
      .send({ email: trainee.email, password: GOOD_PASSWORD })
      .expect(401);
    const fresh = await login(t, trainee.email, NEW_PASSWORD);
    const told = await t.http.get('/api/notifications').set(bearer(fresh.accessToken)).expect(200);
    expect(told.body.items.map((n: { data: { event: string } }) => n.data.event)).toEqual([
      'password.reset',
      'password.reset_requested',
    ]);
    // Single use: the same link cannot set a password again.
    const again = await t.http.post(RESET_PATH).send({ token, password: 'Another-good-phrase-88' });
    expect(again.status).toBe(400);
    expect(again.headers['content-type']).toMatch(PROBLEM);
    expect(fieldsOf(again.body)).toEqual(['token']);
  });

  it('answers an unknown address exactly like a known one, and mails nobody', async () => {
    const trainee = await registerTrainee(t);
    await deliver();
    sink.clear();
    const known = await requestReset(trainee.email);
    const unknown = await requestReset(uniqueEmail('nobody'));
    expect(unknown.status).toBe(known.status);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
    await deliver();
    expect(sink.messages.map((m) => (Array.isArray(m.to) ? '' : m.to?.text))).toEqual([
      trainee.email,
    ]);
  });

  it('refuses an expired token, naming token, and leaves the password alone', async () => {
    const trainee = await registerTrainee(t);
    await requestReset(trainee.email).expect(202);
    await deliver();
    const token = sink.tokenFrom(trainee.email, RESET_PATH);
    await t.app.get(DataSource).query(
      `UPDATE account_tokens SET expires_at = now() - interval '1 second'
               WHERE user_id = $1 AND purpose = 'password_reset'`,
      [trainee.id],
    );
    const res = await t.http.post(RESET_PATH).send({ token, password: NEW_PASSWORD }).expect(400);
    expect(fieldsOf(res.body)).toEqual(['token']);
    await login(t, trainee.email, GOOD_PASSWORD);
  });

  it('refuses malformed input and weak passwords, naming the field, and keeps the token usable', async () => {
    const trainee = await registerTrainee(t);
    await requestReset(trainee.email).expect(202);
    await deliver();
    const token = sink.tokenFrom(trainee.email, RESET_PATH);
    for (const body of [{}, { email: 'not-an-address' }, { email: 42 }]) {
      const res = await t.http.post('/api/auth/password-reset').send(body).expect(400);
      expect(fieldsOf(res.body)).toContain('email');
    }
    const weak = await t.http.post(RESET_PATH).send({ token, password: 'password1' }).expect(400);
    expect([...new Set(fieldsOf(weak.body))]).toEqual(['password']);
    const noToken = await t.http.post(RESET_PATH).send({ password: NEW_PASSWORD }).expect(400);
    expect(fieldsOf(noToken.body)).toContain('token');
    const made = await t.http
      .post(RESET_PATH)
      .send({ token: 'made-up-token', password: NEW_PASSWORD })
      .expect(400);
    expect(fieldsOf(made.body)).toEqual(['token']);
    await t.http.post(RESET_PATH).send({ token, password: NEW_PASSWORD }).expect(204);
  });

  it('limits requests per address, known or not, with the same answer', async () => {
    const trainee = await registerTrainee(t);
    const stranger = uniqueEmail('stranger');
    for (let i = 0; i < 3; i += 1) {
      await requestReset(trainee.email).expect(202);
      await requestReset(stranger).expect(202);
    }
    const known = await requestReset(trainee.email).expect(429);
    const unknown = await requestReset(stranger).expect(429);
    expect(unknown.body.code).toBe(known.body.code);
    expect(known.body.code).toBe('TOO_MANY_PASSWORD_RESETS');
    expect(known.headers['retry-after']).toBeDefined();
  });

  it('registration mails a verification link; verifying shows in GET /api/me, once', async () => {
    const company = await registerCompany(t, { locale: 'sq' }, { verified: false });
    const before = await t.http.get('/api/me').set(bearer(company.accessToken)).expect(200);
    expect(before.body).toMatchObject({ emailVerified: false, locale: 'sq' });
    await deliver();
    const [mail] = sink.to(company.email);
    expect(mail.subject).toBe('Konfirmoni adresën tuaj të e-mailit');
    const token = sink.tokenFrom(company.email, VERIFY_PATH);
    await t.http.post(VERIFY_PATH).send({ token }).expect(204);
    const me = await t.http.get('/api/me').set(bearer(company.accessToken)).expect(200);
    expect(me.body.emailVerified).toBe(true);
    const reused = await t.http.post(VERIFY_PATH).send({ token }).expect(400);
    expect(fieldsOf(reused.body)).toEqual(['token']);
    const malformed = await t.http.post(VERIFY_PATH).send({ token: 7 }).expect(400);
    expect(fieldsOf(malformed.body)).toContain('token');
    expect(fieldsOf((await t.http.get(VERIFY_PATH).expect(400)).body)).toContain('token');
  });

  it('the verification link works when opened in a browser, once', async () => {
    const trainee = await registerTrainee(t, { locale: 'bs' });
    await deliver();
    const token = sink.tokenFrom(trainee.email, VERIFY_PATH);
    const page = await t.http.get(`${VERIFY_PATH}?token=${token}`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    // in the person's language, under a CSP that runs nothing
    expect(page.text).toContain('<html lang="bs">');
    expect(page.text).toContain('Vaša adresa e-pošte je potvrđena.');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['cache-control']).toBe('no-store');
    const me = await t.http.get('/api/me').set(bearer(trainee.accessToken)).expect(200);
    expect(me.body.emailVerified).toBe(true);
    const again = await t.http.get(`${VERIFY_PATH}?token=${token}`).expect(400);
    expect(again.headers['content-type']).toMatch(PROBLEM);
    expect(fieldsOf(again.body)).toEqual(['token']);
  });

  it('the reset link opens a page, in the person’s language, whose form sets the password', async () => {
    const trainee = await registerTrainee(t, { locale: 'sr-Cyrl' });
    await requestReset(trainee.email).expect(202);
    await deliver();
    const token = sink.tokenFrom(trainee.email, RESET_PATH);
    const page = await t.http.get(`${RESET_PATH}?token=${encodeURIComponent(token)}`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain('<html lang="sr-Cyrl">');
    expect(page.text).toContain('Изаберите нову лозинку');
    expect(page.text).toContain(`data-action="${RESET_PATH}"`);
    expect(page.text).toContain(`name="token" value="${token}"`);
    // the inline script and style run only because the CSP names their hashes; nothing else may
    const csp = page.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("form-action 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(page.text)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    // opening the page uses nothing up: the form's POST (what the script sends) sets the password
    await t.http.get(`${RESET_PATH}?token=${encodeURIComponent(token)}`).expect(200);
    await t.http
      .post(RESET_PATH)
      .set('Content-Type', 'application/json')
      .send({ token, password: NEW_PASSWORD })
      .expect(204);
    await login(t, trainee.email, NEW_PASSWORD);
    // a used, unknown or missing token: a page saying so, in the browser's language
    for (const query of [`?token=${encodeURIComponent(token)}`, '?token=made-up', '']) {
      const gone = await t.http
        .get(`${RESET_PATH}${query}`)
        .set('Accept-Language', 'sq, en;q=0.5')
        .expect(400);
      expect(gone.headers['content-type']).toMatch(/^text\/html/);
      expect(gone.text).toContain('Kjo lidhje është e pavlefshme');
      expect(gone.text).not.toContain('<form');
    }
  });

  it('a company publishes work requests only once its e-mail address is confirmed', async () => {
    const skill = (await skillIds(t, ['JavaScript'])).JavaScript;
    const company = await registerCompany(t, {}, { verified: false });
    const other = await registerCompany(t, { organisationName: 'Skopje Support' });
    const failed = await createOpenWorkRequest(t, company, skill).catch((e: Error) => e.message);
    expect(failed).toMatch(/publish failed: .*EMAIL_NOT_VERIFIED/);
    const [draft] = (
      await t.http.get('/api/work-requests').set(bearer(company.accessToken)).expect(200)
    ).body.items as { id: string; status: string }[];
    expect(draft.status).toBe('draft');
    const refused = await t.http
      .post(`/api/work-requests/${draft.id}/publish`)
      .set(bearer(company.accessToken))
      .expect(403);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED');
    // Another company's confirmation does not count; its own link does.
    await createOpenWorkRequest(t, other, skill);
    await deliver();
    await t.http
      .post(VERIFY_PATH)
      .send({ token: sink.tokenFrom(company.email, VERIFY_PATH) })
      .expect(204);
    await t.http
      .post(`/api/work-requests/${draft.id}/publish`)
      .set(bearer(company.accessToken))
      .expect(200);
  });

  it('PATCH /api/me changes the own name and language only, validating both', async () => {
    const trainee = await registerTrainee(t);
    const other = await registerTrainee(t);
    const res = await t.http
      .patch('/api/me')
      .set(bearer(trainee.accessToken))
      .send({ displayName: 'Arta K.', locale: 'sr-Cyrl' })
      .expect(200);
    expect(res.body).toMatchObject({ displayName: 'Arta K.', locale: 'sr-Cyrl' });
    const untouched = await t.http.get('/api/me').set(bearer(other.accessToken)).expect(200);
    expect(untouched.body.locale).toBe('en');
    const bad = await t.http
      .patch('/api/me')
      .set(bearer(trainee.accessToken))
      .send({ locale: 'de', displayName: '' })
      .expect(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['displayName', 'locale']);
    const sneaky = await t.http
      .patch('/api/me')
      .set(bearer(trainee.accessToken))
      .send({ role: 'admin' })
      .expect(400);
    expect(fieldsOf(sneaky.body)).toContain('role');
    await t.http.patch('/api/me').send({ locale: 'sq' }).expect(401);
  });
});
