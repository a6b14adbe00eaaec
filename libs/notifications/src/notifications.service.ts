import { pageRequest, toPage } from '@app/http';
import { UserDirectory } from '@app/identity';
import {
  DEFAULT_LOCALE,
  isLocale,
  MailOutbox,
  type MailMessage,
  translate,
  type CatalogueKey,
  type Locale,
  type MailTemplate,
} from '@app/mail';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from './clock.js';
import { DEFAULT_TIMEZONE, isTimeZone, nextLocalRun } from './local-schedule.js';
import type { EntityManager } from 'typeorm';
import {
  DIGESTS,
  NOTIFICATION_KINDS,
  TRANSACTIONAL_KINDS,
  type Digest,
  type NotificationKind,
} from './notification-kinds.js';
import {
  NotificationsRepository,
  type NotificationRow,
  type Preferences,
} from './notifications.repository.js';
import {
  hashUnsubscribeToken,
  insertUnsubscribeTokens,
  newUnsubscribeToken,
  UNSUBSCRIBE_PATH,
  type UnsubscribeTokenRow,
} from './unsubscribe-tokens.js';

export interface NotifyInput {
  userId: string;
  kind: NotificationKind;
  /** Ids and states only (shown to the user as `data`); never another person's details. */
  data?: Record<string, unknown>;
  /**
   * Values for the placeholders of the kind's title and body (e.g. `opportunity`: its title);
   * public facts only, never another person's details.
   */
  params?: Readonly<Record<string, string>>;
  /** Where the notification leads in the product (a path under PUBLIC_URL). */
  link?: string;
  /** false: in the product only (e.g. when another e-mail already tells the same). */
  email?: boolean;
  /**
   * Title and body in the recipient's locale, for kinds that tell more than their name (a
   * saved-search alert lists its new items). Default: the kind's title and body from the catalogue.
   */
  text?: (locale: Locale) => { title: string; body: string };

  /**
   * The e-mail to send instead of the generic one (same preferences and unsubscribe link), e.g.
   * a survey whose button carries a single-use token that must not be stored in the product.
   */
  mail?: NotificationMail;
}

export interface NotificationMail {
  template: MailTemplate;
  params?: Readonly<Record<string, string>>;
  /** The full URL of the e-mail's button (`MailOutbox.link(path, token)`). */
  actionUrl: string;
}

export interface NotificationPage {
  items: NotificationRow[];
  unreadCount: number;
  nextCursor: string | null;
}

/**
 * Records notifications in the caller's transaction, with their e-mail per the person's
 * preferences, and serves them to their owner. Imports no domain lib: domain libs call
 * {@link notify} with a user id.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly accounts: UserDirectory,
    private readonly mail: MailOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * One notification for `userId`, in their language, and (unless they turned this kind off or
   * chose a digest) its e-mail in the same transaction. Security notifications are always
   * e-mailed. Nothing happens for an erased account.
   */
  async notify(manager: EntityManager, input: NotifyInput): Promise<void> {
    await this.notifyMany(manager, [input]);
  }

  /**
   * {@link notify} for many notifications at once, with a fixed number of statements whatever
   * their count (recipients and preferences read once, notifications, unsubscribe tokens and
   * e-mails each written by one set-based insert), all in the caller's transaction.
   */
  async notifyMany(manager: EntityManager, inputs: readonly NotifyInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const userIds = inputs.map((i) => i.userId);
    const recipients = await this.accounts.contactsOf(userIds, manager);
    const stored = await this.repository.findPreferencesOf(manager, [...recipients.keys()]);
    const notifications = [];
    const tokens: UnsubscribeTokenRow[] = [];
    const mails: MailMessage[] = [];
    for (const input of inputs) {
      const recipient = recipients.get(input.userId);
      if (recipient === undefined) continue;
      const locale: Locale = isLocale(recipient.locale) ? recipient.locale : DEFAULT_LOCALE;
      const { title, body } = input.text?.(locale) ?? {
        title: translate(locale, `kind.${input.kind}` as CatalogueKey, input.params),
        body: translate(locale, `kindBody.${input.kind}` as CatalogueKey, input.params),
      };
      const link = input.link ?? null;
      const preferences = withDefaults(stored.get(input.userId));
      const transactional = TRANSACTIONAL_KINDS.has(input.kind);
      // a kind the person wants by e-mail, gathered into their daily or weekly digest
      const digestPending =
        input.email !== false &&
        !transactional &&
        preferences.email[input.kind] &&
        (preferences.digest === 'daily' || preferences.digest === 'weekly');
      notifications.push({
        userId: input.userId,
        kind: input.kind,
        title,
        body,
        link,
        data: input.data ?? {},
        digestPending,
      });
      if (input.email === false) continue;
      if (!transactional && (preferences.digest !== 'instant' || !preferences.email[input.kind])) {
        continue;
      }
      let unsubscribeUrl: string | undefined;
      if (!transactional) {
        const { token, row } = newUnsubscribeToken(input.userId, input.kind);
        tokens.push(row);
        unsubscribeUrl = this.mail.link(UNSUBSCRIBE_PATH, token);
      }
      mails.push({
        to: recipient.email,
        userId: input.userId,
        locale,
        template: input.mail?.template ?? 'notification',
        params: input.mail?.params ?? { title, body },
        recipientName: recipient.displayName,
        actionUrl: input.mail?.actionUrl ?? this.mail.url(link ?? '/'),
        unsubscribeUrl,
      });
    }
    await this.repository.insertMany(manager, notifications);
    await insertUnsubscribeTokens(manager, tokens);
    await this.mail.enqueueMany(manager, mails);
  }

  /** Whether `notify` would e-mail this kind to this user now (for follow-ups such as reminders). */
  async emailsKind(
    manager: EntityManager,
    userId: string,
    kind: NotificationKind,
  ): Promise<boolean> {
    if (TRANSACTIONAL_KINDS.has(kind)) return true;
    const preferences = withDefaults(await this.repository.findPreferences(userId, manager));
    return preferences.digest === 'instant' && preferences.email[kind] === true;
  }

  /**
   * An e-mail that follows up an earlier notification (a reminder) without a new notification:
   * sent only when the person still wants this kind by e-mail, with its unsubscribe link.
   */
  async emailFollowUp(
    manager: EntityManager,
    input: { userId: string; kind: NotificationKind; mail: NotificationMail },
  ): Promise<boolean> {
    const recipient = (await this.accounts.contactsOf([input.userId], manager)).get(input.userId);
    if (recipient === undefined) return false;
    if (!(await this.emailsKind(manager, input.userId, input.kind))) return false;
    const locale: Locale = isLocale(recipient.locale) ? recipient.locale : DEFAULT_LOCALE;
    let unsubscribeUrl: string | undefined;
    if (!TRANSACTIONAL_KINDS.has(input.kind)) {
      const { token, row } = newUnsubscribeToken(input.userId, input.kind);
      await insertUnsubscribeTokens(manager, [row]);
      unsubscribeUrl = this.mail.link(UNSUBSCRIBE_PATH, token);
    }
    await this.mail.enqueue(manager, {
      to: recipient.email,
      userId: input.userId,
      locale,
      template: input.mail.template,
      params: input.mail.params ?? {},
      recipientName: recipient.displayName,
      actionUrl: input.mail.actionUrl,
      unsubscribeUrl,
    });
    return true;
  }

  /**
   * Each account's timezone (IANA; the default for an unknown or unusable one), read in one
   * query, for other libs that schedule something at a local hour of the recipient, as digests
   * do here.
   */
  async timezonesOf(userIds: readonly string[]): Promise<Map<string, string>> {
    const found = await this.accounts.timezonesOf(userIds);
    return new Map(
      userIds.map((id) => {
        const zone = found.get(id);
        return [id, zone !== undefined && isTimeZone(zone) ? zone : DEFAULT_TIMEZONE];
      }),
    );
  }

  async list(
    userId: string,
    query: { unread?: boolean; limit?: number; cursor?: string },
  ): Promise<NotificationPage> {
    const { after, limit } = pageRequest(query);
    const rows = await this.repository.findPageOf(userId, {
      unreadOnly: query.unread === true,
      after,
      limit: limit + 1,
    });
    const page = toPage(rows, limit);
    return {
      items: page.rows,
      unreadCount: await this.repository.countUnread(userId),
      nextCursor: page.nextCursor,
    };
  }

  markRead(userId: string, ids: string[] | null): Promise<void> {
    return this.repository.markRead(userId, ids);
  }

  async preferences(userId: string): Promise<Preferences> {
    return withDefaults(await this.repository.findPreferences(userId));
  }

  async savePreferences(
    userId: string,
    input: { email?: Record<string, boolean>; digest?: Digest },
  ): Promise<Preferences> {
    const current = await this.preferences(userId);
    const next: Preferences = {
      email: { ...current.email, ...(input.email ?? {}) },
      digest: input.digest ?? current.digest,
    };
    const nextDigestAt =
      next.digest === 'daily' || next.digest === 'weekly'
        ? nextLocalRun(
            this.clock.now(),
            (await this.timezonesOf([userId])).get(userId) ?? DEFAULT_TIMEZONE,
            next.digest,
          )
        : null;
    await this.repository.savePreferences(userId, next, nextDigestAt);
    return next;
  }

  /** Turns off the e-mail kind of an unsubscribe token; undefined for an unknown token. */
  unsubscribe(token: string): Promise<string | undefined> {
    return this.repository.unsubscribe(hashUnsubscribeToken(token));
  }
}

/** Every kind on, instant, unless the person said otherwise. */
function withDefaults(stored: Preferences | undefined): Preferences {
  const email = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<
    string,
    boolean
  >;
  for (const [kind, on] of Object.entries(stored?.email ?? {})) {
    if (kind in email) email[kind] = on;
  }
  const digest =
    stored !== undefined && DIGESTS.includes(stored.digest) ? stored.digest : 'instant';
  return { email, digest };
}
