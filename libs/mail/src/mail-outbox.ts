import { APP_CONFIG, type AppConfig } from '@app/config';
import { OutboxRepository } from '@app/search';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { renderMail, type MailContent } from './mail-render.js';

/** Outbox kind of a "send mail_outbox row <id>" row. */
export const MAIL_SEND_KIND = 'mail.send';

export interface MailMessage extends MailContent {
  /** The recipient's address. */
  to: string;
  /** The account it is written to, when there is one (kept for erasure and support). */
  userId?: string | null;
}

/**
 * Queues e-mail inside the caller's transaction: the message is rendered now (in the
 * recipient's language), stored in `mail_outbox` and announced in the outbox, so it leaves if
 * and only if the change that caused it commits. The worker's MailRelay sends it.
 */
@Injectable()
export class MailOutbox {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mails: MailOutboxRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Returns the id of the queued message. */
  async enqueue(manager: EntityManager, message: MailMessage): Promise<string> {
    const [id] = await this.enqueueMany(manager, [message]);
    return id;
  }

  /** Many messages in two statements (their rows, then their outbox rows); ids in order. */
  async enqueueMany(manager: EntityManager, messages: readonly MailMessage[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const rows = messages.map((message) => {
      const id = randomUUID();
      const headers: Record<string, string> = {};
      if (message.unsubscribeUrl !== undefined) {
        // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to the URL, no sign-in needed.
        headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
      return {
        id,
        userId: message.userId ?? null,
        recipient: message.to,
        locale: message.locale,
        template: message.template,
        ...renderMail(message),
        headers,
        messageId: messageIdFor(id, this.config.mail.from),
      };
    });
    await this.mails.insertMany(manager, rows);
    const ids = rows.map((r) => r.id);
    await this.outbox.insertRows(manager, MAIL_SEND_KIND, '', ids);
    return ids;
  }

  /** `PUBLIC_URL` + path. */
  url(path: string): string {
    return new URL(`${this.config.publicBaseUrl}${path}`).toString();
  }

  /** `PUBLIC_URL` + path, with the secret as the `token` query parameter. */
  link(path: string, token: string): string {
    const url = new URL(`${this.config.publicBaseUrl}${path}`);
    url.searchParams.set('token', token);
    return url.toString();
  }
}

/**
 * One Message-ID per outbox row, fixed when it is queued: a message sent again after an attempt
 * whose outcome was never known carries the same id, so receivers (and we) can tell it is the
 * same message.
 */
export function messageIdFor(id: string, from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.slice(address.lastIndexOf('@') + 1) || 'talentbridge.local';
  return `<${id}@${domain}>`;
}
