import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { MailRelay } from '@app/mail';
import { DigestService, nextLocalRun } from '@app/notifications';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import type { ParsedMail } from 'mailparser';
import { createOpenWorkRequest, move, shortlist } from '../support/brokering-factories.js';
import {
  GOOD_PASSWORD,
  makeBroker,
  makeTrainer,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { startTestMailSink, type TestMailSink } from '../support/mail-sink.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import {
  complete,
  createCohort,
  createCourse,
  enrol,
  profileIdOf,
} from '../support/training-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;
const UNSUBSCRIBE_PATH = '/api/notifications/unsubscribe';

function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

function header(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines
    .find((h) => h.key === name)
    ?.line.replace(/\r?\n\s+/g, ' ')
    .replace(/^[^:]+:\s*/, '');
}

describe('notifications and their e-mail (HTTP, real SMTP)', () => {
  let t: TestApp;
  let sink: TestMailSink;
  let skill: string;
  let company: SignedIn;
  let broker: SignedIn;
  let requestId: string;
  const bearer = (who: SignedIn) => ({ Authorization: `Bearer ${who.accessToken}` });
  const deliver = () => t.app.get(MailRelay).drain();
  /** Mail to `who` apart from the verification link every new account gets. */
  const notificationMails = (email: string) =>
    sink.to(email).filter((m) => !(m.text ?? '').includes('/api/auth/verify-email'));
  const notificationsOf = (who: SignedIn, query = '') =>
    t.http.get(`/api/notifications${query}`).set(bearer(who));

  async function invitedTrainee(locale = 'en'): Promise<{ trainee: SignedIn; matchId: string }> {
    const trainee = await registerTrainee(t, { locale });
    const profile = await putProfile(t, trainee, {
      visibility: 'companies',
      skills: [{ skillId: skill, level: 4 }],
    });
    const matchId = await shortlist(t, broker, { profileId: profile.id, workRequestId: requestId });
    await move(t, broker, matchId, { to: 'invited' });
    return { trainee, matchId };
  }

  beforeAll(async () => {
    sink = await startTestMailSink();
    t = await createTestApp({ SMTP_URL: sink.url, PUBLIC_URL: 'https://talentbridge.test' });
    skill = (await skillIds(t, ['JavaScript'])).JavaScript;
    company = await registerCompany(t);
    broker = await makeBroker(t);
    requestId = await createOpenWorkRequest(t, company, skill, 50);
  });

  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  beforeEach(async () => {
    await deliver();
    sink.clear();
  });

  it('an invitation notifies the trainee in their language, in the product and by e-mail', async () => {
    const { trainee, matchId } = await invitedTrainee('sq');
    const res = await notificationsOf(trainee).expect(200);
    expect(res.body.unreadCount).toBe(1);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        kind: 'match.invited',
        title: 'Jeni ftuar për një mundësi pune',
        body: 'Jeni ftuar për “Customer support in English”. Hapni Talentbridge për ta pranuar ose refuzuar ftesën.',
        link: `/api/matches/${matchId}`,
        data: { matchId, state: 'invited', opportunityId: requestId },
        createdAt: expect.any(String),
        readAt: null,
      },
    ]);
    await deliver();
    const mails = notificationMails(trainee.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Jeni ftuar për një mundësi pune');
    expect(mails[0].text).toContain(`https://talentbridge.test/api/matches/${matchId}`);
    expect(header(mails[0], 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mails[0], 'list-unsubscribe')).toMatch(
      /^<https:\/\/talentbridge\.test\/api\/notifications\/unsubscribe\?token=[\w-]+>$/,
    );
  });

  it('nobody else can read or mark your notifications', async () => {
    const { trainee } = await invitedTrainee();
    const stranger = await registerTrainee(t);
    const [mine] = (await notificationsOf(trainee).expect(200)).body.items as { id: string }[];
    expect((await notificationsOf(stranger).expect(200)).body).toEqual({
      items: [],
      unreadCount: 0,
      nextCursor: null,
    });
    expect((await notificationsOf(company).expect(200)).body.items).toEqual([]);
    await t.http
      .post('/api/notifications/read')
      .set(bearer(stranger))
      .send({ ids: [mine.id] })
      .expect(204);
    await t.http
      .post('/api/notifications/read')
      .set(bearer(stranger))
      .send({ all: true })
      .expect(204);
    expect((await notificationsOf(trainee).expect(200)).body.unreadCount).toBe(1);
    await t.http.get('/api/notifications').expect(401);
    await t.http.post('/api/notifications/read').send({ all: true }).expect(401);
  });

  it('marks own notifications read by id or all, and filters unread ones', async () => {
    const { trainee, matchId } = await invitedTrainee();
    await move(t, broker, matchId, { to: 'cancelled', note: 'Filled elsewhere' });
    const page = (await notificationsOf(trainee, '?limit=1').expect(200)).body;
    expect(page.items.map((n: { kind: string }) => n.kind)).toEqual(['match.cancelled']);
    expect(page.unreadCount).toBe(2);
    const next = (await notificationsOf(trainee, `?limit=1&cursor=${page.nextCursor}`).expect(200))
      .body;
    expect(next.items.map((n: { kind: string }) => n.kind)).toEqual(['match.invited']);
    expect(next.nextCursor).toBeNull();
    await t.http
      .post('/api/notifications/read')
      .set(bearer(trainee))
      .send({ ids: [page.items[0].id] })
      .expect(204);
    const unread = (await notificationsOf(trainee, '?unread=true').expect(200)).body;
    expect(unread.items.map((n: { kind: string }) => n.kind)).toEqual(['match.invited']);
    expect(unread.unreadCount).toBe(1);
    await t.http
      .post('/api/notifications/read')
      .set(bearer(trainee))
      .send({ all: true })
      .expect(204);
    expect((await notificationsOf(trainee, '?unread=true').expect(200)).body.items).toEqual([]);
  });

  it('refuses malformed input, naming the field', async () => {
    const trainee = await registerTrainee(t);
    const read = (body: unknown) =>
      t.http
        .post('/api/notifications/read')
        .set(bearer(trainee))
        .send(body as object);
    for (const [body, field] of [
      [{}, 'ids'],
      [{ ids: ['not-a-uuid'] }, 'ids'],
      [{ all: false }, 'all'],
      [{ ids: [], all: true }, 'ids'],
      [{ everything: true }, 'everything'],
    ] as const) {
      const res = await read(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(fieldsOf(res.body)).toContain(field);
    }
    for (const [query, field] of [
      ['?unread=maybe', 'unread'],
      ['?limit=0', 'limit'],
      ['?cursor=bogus', 'cursor'],
    ]) {
      const res = await notificationsOf(trainee, query).expect(400);
      expect(fieldsOf(res.body)).toContain(field);
    }
    const prefs = (body: unknown) =>
      t.http
        .put('/api/me/notification-preferences')
        .set(bearer(trainee))
        .send(body as object);
    expect(fieldsOf((await prefs({ digest: 'hourly' }).expect(400)).body)).toContain('digest');
    expect(fieldsOf((await prefs({ email: { nope: true } }).expect(400)).body)).toContain('email');
    expect(
      fieldsOf((await prefs({ email: { 'match.invited': 'yes' } }).expect(400)).body),
    ).toContain('email');
  });

  it('preferences: all kinds on and instant by default; turned off, no e-mail but still a notification', async () => {
    const trainee = await registerTrainee(t);
    const initial = (
      await t.http.get('/api/me/notification-preferences').set(bearer(trainee)).expect(200)
    ).body;
    expect(initial.digest).toBe('instant');
    expect(initial.email['match.invited']).toBe(true);
    const saved = await t.http
      .put('/api/me/notification-preferences')
      .set(bearer(trainee))
      .send({ email: { 'match.invited': false } })
      .expect(200);
    expect(saved.body.email).toMatchObject({ 'match.invited': false, 'match.hired': true });
    const profile = await putProfile(t, trainee, {
      visibility: 'companies',
      skills: [{ skillId: skill, level: 4 }],
    });
    const matchId = await shortlist(t, broker, { profileId: profile.id, workRequestId: requestId });
    await move(t, broker, matchId, { to: 'invited' });
    await deliver();
    expect((await notificationsOf(trainee).expect(200)).body.unreadCount).toBe(1);
    expect(notificationMails(trainee.email)).toEqual([]);
  });

  it('one-click unsubscribe turns that kind off for that user only, without signing in', async () => {
    const { trainee: ana } = await invitedTrainee();
    const { trainee: ben } = await invitedTrainee();
    await deliver();
    const anaToken = sink.tokenFrom(ana.email, UNSUBSCRIBE_PATH);
    await t.http
      .post(`${UNSUBSCRIBE_PATH}?token=${anaToken}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(204);
    const prefsOf = async (who: SignedIn) =>
      (await t.http.get('/api/me/notification-preferences').set(bearer(who)).expect(200)).body;
    expect((await prefsOf(ana)).email['match.invited']).toBe(false);
    expect((await prefsOf(ben)).email['match.invited']).toBe(true);
    // A page for people who open the link in a browser; a made-up token changes nothing.
    const page = await t.http.get(`${UNSUBSCRIBE_PATH}?token=${anaToken}`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const bad = await t.http.post(`${UNSUBSCRIBE_PATH}?token=made-up`).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['token']);
    expect(fieldsOf((await t.http.post(UNSUBSCRIBE_PATH).expect(400)).body)).toEqual(['token']);
  });

  it('security notifications are e-mailed even when turned off, without an unsubscribe header', async () => {
    const trainee = await registerTrainee(t);
    await deliver();
    sink.clear();
    await t.http
      .put('/api/me/notification-preferences')
      .set(bearer(trainee))
      .send({ email: { 'account.security': false }, digest: 'off' })
      .expect(200);
    await t.http
      .post('/api/me/password')
      .set(bearer(trainee))
      .send({ currentPassword: GOOD_PASSWORD, newPassword: 'Brand-new-river-stone-5' })
      .expect(204);
    const items = (await notificationsOf(trainee).expect(200)).body.items;
    expect(items).toMatchObject([
      { kind: 'account.security', data: { event: 'password.changed' } },
    ]);
    await deliver();
    const [mail] = sink.to(trainee.email);
    expect(mail.subject).toBe('Your account security settings changed');
    expect(header(mail, 'list-unsubscribe')).toBeUndefined();
  });

  it('a certificate tells its holder, in their language', async () => {
    const trainer = await makeTrainer(t);
    const trainee = await registerTrainee(t, { locale: 'mk' });
    const course = await createCourse(t, trainer, [{ skillId: skill, level: 3 }]);
    const cohort = await createCohort(t, trainer, course.id);
    const enrolment = await enrol(t, trainer, cohort.id, await profileIdOf(t, trainee));
    const certificate = await complete(t, trainer, enrolment.id);
    const [item] = (await notificationsOf(trainee).expect(200)).body.items;
    expect(item).toMatchObject({
      kind: 'certificate.issued',
      title: 'Добивте сертификат',
      link: `/api/certificates/${certificate.code}`,
      data: { certificateCode: certificate.code, enrolmentId: enrolment.id },
    });
    expect((await notificationsOf(trainer).expect(200)).body.items).toEqual([]);
    await deliver();
    expect(notificationMails(trainee.email).map((m) => m.subject)).toEqual(['Добивте сертификат']);
  });

  it('timezone: Europe/Belgrade by default, settable through PATCH /api/me, validated', async () => {
    const trainee = await registerTrainee(t);
    expect((await t.http.get('/api/me').set(bearer(trainee)).expect(200)).body.timezone).toBe(
      'Europe/Belgrade',
    );
    const saved = await t.http
      .patch('/api/me')
      .set(bearer(trainee))
      .send({ timezone: 'Europe/Tirane' })
      .expect(200);
    expect(saved.body.timezone).toBe('Europe/Tirane');
    expect((await t.http.get('/api/me').set(bearer(trainee))).body.timezone).toBe('Europe/Tirane');
    for (const timezone of ['Mars/Olympus', '', null, 42, 'x'.repeat(80)]) {
      const res = await t.http.patch('/api/me').set(bearer(trainee)).send({ timezone }).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(fieldsOf(res.body)).toEqual(['timezone']);
    }
  });

  it('daily digest: one e-mail at 08:00 local time listing what waited, nothing on the next run', async () => {
    const { trainee, matchId } = await invitedTrainee('sr');
    await t.http
      .patch('/api/me')
      .set(bearer(trainee))
      .send({ timezone: 'Europe/Skopje' })
      .expect(200);
    await t.http
      .put('/api/me/notification-preferences')
      .set(bearer(trainee))
      .send({ digest: 'daily' })
      .expect(200);
    await deliver();
    sink.clear();
    // three more notifications while the digest is chosen: none is e-mailed at once
    await move(t, broker, matchId, { to: 'cancelled' });
    const again = await shortlist(t, broker, {
      profileId: await profileIdOf(t, trainee),
      workRequestId: requestId,
    });
    await move(t, broker, again, { to: 'invited' });
    await move(t, broker, again, { to: 'cancelled' });
    await deliver();
    expect(notificationMails(trainee.email)).toEqual([]);
    const digests = t.app.get(DigestService);
    const [{ due }] = await t.app
      .get(DataSource)
      .query(
        `SELECT next_digest_at AS due FROM notification_preferences np JOIN users u ON u.id = np.user_id WHERE u.email = $1`,
        [trainee.email],
      );
    // scheduled for the next 08:00 in Skopje
    expect(new Date(due).toISOString()).toBe(
      nextLocalRun(new Date(Date.now() - 60_000), 'Europe/Skopje', 'daily').toISOString(),
    );
    // a minute before it is due: nothing; at 08:00: one digest; the next run: nothing more
    await digests.runDue(new Date(new Date(due).getTime() - 60_000));
    await deliver();
    expect(notificationMails(trainee.email)).toEqual([]);
    const at = new Date(new Date(due).getTime() + 1_000);
    await Promise.all([digests.runDue(at), digests.runDue(at)]);
    await digests.runDue(at);
    await deliver();
    const mails = notificationMails(trainee.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Vaš pregled sa Talentbridge platforme: 3 novih obaveštenja');
    expect(mails[0].text).toContain('• Povezivanje je otkazano');
    expect(mails[0].text).toContain('• Pozvani ste na priliku za posao');
    expect(header(mails[0], 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // the next day's run finds nothing new and sends nothing
    sink.clear();
    await digests.runDue(new Date(at.getTime() + 86_400_000));
    await deliver();
    expect(notificationMails(trainee.email)).toEqual([]);
    // the digest's unsubscribe link turns digests off
    const token = mails[0].text?.match(/unsubscribe\?token=([\w-]+)/)?.[1];
    await t.http.post(`${UNSUBSCRIBE_PATH}?token=${token}`).expect(204);
    expect(
      (await t.http.get('/api/me/notification-preferences').set(bearer(trainee))).body.digest,
    ).toBe('off');
  });

  it('the worker stopped while notifications are made, then two started: every e-mail exactly once', async () => {
    const startWorker = async (): Promise<INestApplicationContext> => {
      const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
      worker.enableShutdownHooks();
      await worker.init();
      return worker;
    };
    const invitationsTo = (emails: string[]) =>
      emails.flatMap((e) =>
        sink.to(e).filter((m) => m.subject === 'You have been invited to an opportunity'),
      );
    const waitFor = async (done: () => boolean, what: string): Promise<void> => {
      const until = Date.now() + 45_000;
      while (!done()) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const running = await startWorker();
    const first = await Promise.all([invitedTrainee(), invitedTrainee(), invitedTrainee()]);
    const firstEmails = first.map((f) => f.trainee.email);
    await waitFor(() => invitationsTo(firstEmails).length === 3, 'the first three e-mails');
    await running.close();
    // stopped: more invitations are made, nothing is sent
    const second = await Promise.all([invitedTrainee(), invitedTrainee(), invitedTrainee()]);
    const secondEmails = second.map((s) => s.trainee.email);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(invitationsTo(secondEmails)).toEqual([]);
    // two workers start side by side: the waiting ones go out, once each
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    try {
      await waitFor(
        () => invitationsTo(secondEmails).length >= 3,
        'the e-mails made while stopped',
      );
      await new Promise((r) => setTimeout(r, 1_500));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    for (const email of [...firstEmails, ...secondEmails]) {
      expect(invitationsTo([email])).toHaveLength(1);
    }
  });

  it('every e-mail arrives exactly once while relays stop, restart and run side by side', async () => {
    const first = await Promise.all([invitedTrainee(), invitedTrainee(), invitedTrainee()]);
    const relay = t.app.get(MailRelay);
    await relay.drain();
    // The relay is stopped while more invitations go out; then two passes run at once.
    const second = await Promise.all([invitedTrainee(), invitedTrainee(), invitedTrainee()]);
    await Promise.all([relay.drain(), relay.drain()]);
    await relay.drain();
    for (const { trainee } of [...first, ...second]) {
      expect(
        sink
          .to(trainee.email)
          .map((m) => m.subject)
          .sort(),
      ).toEqual(['Confirm your e-mail address', 'You have been invited to an opportunity']);
    }
  });
});
