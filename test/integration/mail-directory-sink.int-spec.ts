import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startMailDirectorySink, type SmtpSink } from '@app/embedded';
import { simpleParser } from 'mailparser';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

/** `npm start` without SMTP_URL: every message lands as an .eml file under DATA_DIR/mail. */
describe('local mail directory sink', () => {
  let dir: string;
  let sink: SmtpSink;

  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'talentbridge-mail-')), 'mail');
    sink = await startMailDirectorySink(dir);
  });

  afterAll(async () => {
    await sink.stop();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('listens on loopback and stores each message as a readable .eml file', async () => {
    expect(sink.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const transport = nodemailer.createTransport({ url: sink.url } as Parameters<
      typeof nodemailer.createTransport
    >[0]);
    for (const n of [1, 2]) {
      await transport.sendMail({
        from: 'no-reply@talentbridge.test',
        to: 'ana@example.org',
        subject: `Message ${n}`,
        text: `Body ${n}`,
      });
    }
    transport.close();
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(2);
    const subjects = await Promise.all(
      files.map(async (f) => (await simpleParser(readFileSync(join(dir, f)))).subject),
    );
    expect(subjects.sort()).toEqual(['Message 1', 'Message 2']);
  });
});
