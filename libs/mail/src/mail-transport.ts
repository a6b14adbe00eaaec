import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { OutgoingMail } from './mail-outbox.repository.js';

export type SendOutcome =
  | { ok: true }
  /** `permanent`: the server refused the message for good (5xx); retrying cannot help. */
  | { ok: false; permanent: boolean; error: string };

/** Sends over SMTP (`SMTP_URL`, `MAIL_FROM`) with nodemailer, through a small connection pool. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private transporter: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.mail.smtpUrl !== undefined;
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    try {
      await this.connection().sendMail({
        from: this.config.mail.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
      return { ok: true };
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      return {
        ok: false,
        permanent: typeof code === 'number' && code >= 500,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }

  private connection(): Transporter {
    const url = this.config.mail.smtpUrl;
    if (url === undefined) throw new Error('SMTP_URL is not set');
    this.transporter ??= nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 3,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    return this.transporter;
  }
}
