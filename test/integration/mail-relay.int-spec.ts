import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigModule } from '@app/config';
import { DatabaseModule, TransactionRunner } from '@app/database';
import { MailModule, MailOutbox, MailRelay } from '@app/mail';
import { SearchModule } from '@app/search';
import { Module } from '@nestjs/common';
import { startTestMailSink, type TestMailSink } from '../support/mail-sink.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

@Module({ imports: [ConfigModule, DatabaseModule, SearchModule, MailModule] })
class MailWorkerModule {}

async function queue(
  t: TestContext,
  to: string,
  options: { locale?: 'en' | 'sq'; rollback?: boolean; unsubscribe?: boolean } = {},
): Promise<void> {
  const outbox = t.app.get(MailOutbox);
  await t.app
    .get(TransactionRunner)
    .run(async (manager) => {
      await outbox.enqueue(manager, {
        to,
        locale: options.locale ?? 'en',
        template: 'verifyEmail',
        recipientName: 'Ana <b>& co</b>',
        actionUrl: outbox.link('/verify-email', 'secret-token'),
        ...(options.unsubscribe === true
          ? { unsubscribeUrl: outbox.link('/api/unsubscribe', 'unsub-token') }
          : {}),
      });
      if (options.rollback === true) throw new Error('roll back');
    })
    .catch((error: unknown) => {
      if (options.rollback !== true) throw error;
    });
}

describe('mail relay over real SMTP', () => {
  let sink: TestMailSink;
  let t: TestContext;
  let second: TestContext;

  beforeAll(async () => {
    sink = await startTestMailSink();
    const env = {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Talentbridge <no-reply@talentbridge.test>',
      PUBLIC_URL: 'https://talentbridge.test',
      MAIL_PER_RECIPIENT_PER_HOUR: '3',
      MAIL_BACKOFF_BASE_MS: '60000',
    };
    t = await createTestContext(MailWorkerModule, { env });
    second = await createTestContext(MailWorkerModule, {
      env,
      db: t.db,
      indexPrefix: t.indexPrefix,
    });
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
    await sink?.stop();
  });

  beforeEach(async () => {
    await t.sql(`DELETE FROM mail_outbox`);
    await t.sql(`DELETE FROM outbox WHERE kind = 'mail.send'`);
    sink.clear();
  });

  it('sends a committed message once, in its language, text and escaped HTML, with a stable Message-ID', async () => {
    await queue(t, 'ana@example.org', { locale: 'sq' });
    await queue(t, 'ghost@example.org', { rollback: true });
    expect(await t.app.get(MailRelay).drain()).toMatchObject({ sent: 1, failed: 0 });
    expect(await t.app.get(MailRelay).drain()).toMatchObject({ sent: 0 });

    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail.subject).toBe('Konfirmoni adresën tuaj të e-mailit');
    expect(mail.from?.text).toContain('no-reply@talentbridge.test');
    expect(mail.text).toContain('Përshëndetje Ana <b>& co</b>,');
    expect(mail.text).toContain('https://talentbridge.test/verify-email?token=secret-token');
    expect(mail.html).toContain('Ana &lt;b&gt;&amp; co&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>&');
    const [row] = await t.sql<{ message_id: string; status: string }>(
      `SELECT message_id, status FROM mail_outbox`,
    );
    expect(row.status).toBe('sent');
    expect(mail.messageId).toBe(row.message_id);
    expect(row.message_id).toMatch(/^<[0-9a-f-]{36}@talentbridge\.test>$/);
    // A transactional message says why it was sent and has no unsubscribe header.
    expect(mail.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);
    expect(mail.text).toContain('Talentbridge');
  });

  it('carries RFC 8058 one-click unsubscribe headers when the message can be turned off', async () => {
    await queue(t, 'bob@example.org', { unsubscribe: true });
    await t.app.get(MailRelay).drain();
    const [mail] = sink.to('bob@example.org');
    const header = (name: string): string | undefined =>
      mail.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(header('list-unsubscribe')).toBe(
      'List-Unsubscribe: <https://talentbridge.test/api/unsubscribe?token=unsub-token>',
    );
    expect(mail.text).toContain('https://talentbridge.test/api/unsubscribe?token=unsub-token');
  });

  it('two relays draining at once send every message exactly once', async () => {
    for (let i = 0; i < 30; i += 1) await queue(t, `person${i}@example.org`);
    await Promise.all([t.app.get(MailRelay).drain(), second.app.get(MailRelay).drain()]);
    expect(sink.messages).toHaveLength(30);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(30);
    const [counts] = await t.sql<{ sent: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent FROM mail_outbox`,
    );
    expect(counts.sent).toBe(30);
  });

  it('holds back what exceeds the per-recipient hourly bound, without counting it as a failure', async () => {
    for (let i = 0; i < 5; i += 1) await queue(t, 'busy@example.org');
    await queue(t, 'calm@example.org');
    expect(await t.app.get(MailRelay).drain()).toMatchObject({ sent: 4, waiting: 2 });
    expect(sink.to('busy@example.org')).toHaveLength(3);
    expect(sink.to('calm@example.org')).toHaveLength(1);
    const waiting = await t.sql<{ attempts: number; available_at: Date }>(
      `SELECT o.attempts, o.available_at FROM outbox o
        WHERE o.kind = 'mail.send' AND o.processed_at IS NULL`,
    );
    expect(waiting).toHaveLength(2);
    for (const row of waiting) {
      expect(row.attempts).toBe(0);
      expect(row.available_at.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    }
  });

  it('a message left "sending" by a relay that stopped goes out again under the same Message-ID', async () => {
    await queue(t, 'carol@example.org');
    // A relay took it and stopped before it could report back: its lease has run out.
    await t.sql(`UPDATE mail_outbox SET status = 'sending', sending_at = now(), attempts = 1`);
    const [row] = await t.sql<{ message_id: string }>(`SELECT message_id FROM mail_outbox`);
    await t.app.get(MailRelay).drain();
    expect(sink.to('carol@example.org').map((m) => m.messageId)).toEqual([row.message_id]);
  });

  it('retries while the SMTP server is away and delivers once it is back', async () => {
    await sink.stop();
    await queue(t, 'dave@example.org');
    expect(await t.app.get(MailRelay).drain()).toMatchObject({ retried: 1, sent: 0 });
    const [pending] = await t.sql<{ status: string; last_error: string }>(
      `SELECT status, last_error FROM mail_outbox`,
    );
    expect(pending.status).toBe('pending');
    expect(pending.last_error).not.toBeNull();
    const restarted = await startTestMailSinkOn(sink.url);
    try {
      await t.sql(`UPDATE outbox SET available_at = now() WHERE processed_at IS NULL`);
      expect(await t.app.get(MailRelay).drain()).toMatchObject({ sent: 1 });
      expect(restarted.to('dave@example.org')).toHaveLength(1);
    } finally {
      sink = restarted;
    }
  });
});

/** The sink again on the same port (SMTP_URL of the running contexts points there). */
async function startTestMailSinkOn(url: string): Promise<TestMailSink> {
  const port = Number(new URL(url).port);
  return startTestMailSink(port);
}
