import { anyUuid, checkedText, typedQueries, type Database } from '@app/database';
import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql, type Selectable } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENTS,
  type WebhookDeliveryStatus,
  type WebhookEvent,
} from './webhook-events.js';

export interface WebhookRow {
  id: string;
  organisationId: string;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
}

export interface DeliveryRow {
  id: string;
  webhookId: string;
  event: WebhookEvent;
  payload: unknown;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
}

/** What the dispatcher needs to send one delivery. */
export interface OutgoingDelivery {
  id: string;
  event: string;
  payload: unknown;
  createdAt: Date;
  url: string;
  secret: string;
}

export interface AttemptRecord {
  status: WebhookDeliveryStatus;
  statusCode: number | null;
  error: string | null;
}

/** Webhook registrations (always read through their organisation) and their deliveries. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get db() {
    return typedQueries(this.dataSource.manager);
  }

  /**
   * Registers a webhook unless the organisation already holds `limit`; undefined then. The
   * caller holds the organisation's lock (identity's `OrganisationDirectory.lockForUpdate`), so
   * the count runs after concurrent registrations committed.
   */
  async insertWithinLimit(
    manager: EntityManager,
    organisationId: string,
    createdBy: string,
    values: { url: string; events: string[]; secret: string },
    limit: number,
  ): Promise<WebhookRow | undefined> {
    const db = typedQueries(manager);
    const { n } = await db
      .selectFrom('webhooks')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('organisation_id', '=', organisationId)
      .executeTakeFirstOrThrow();
    if (n >= limit) return undefined;
    const row = await db
      .insertInto('webhooks')
      .values({
        organisation_id: organisationId,
        created_by: createdBy,
        url: values.url,
        events: values.events,
        secret: values.secret,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toWebhook(row);
  }

  async findPageOf(
    organisationId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<WebhookRow[]> {
    let query = this.db
      .selectFrom('webhooks')
      .selectAll()
      .where('organisation_id', '=', organisationId);
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)),
      );
    }
    const rows = await query.orderBy('created_at').orderBy('id').limit(limit).execute();
    return rows.map(toWebhook);
  }

  async findOwned(organisationId: string, id: string): Promise<WebhookRow | undefined> {
    const row = await this.db
      .selectFrom('webhooks')
      .selectAll()
      .where('id', '=', id)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row === undefined ? undefined : toWebhook(row);
  }

  /** Deletes a registration and its delivery records; false when it is not the organisation's. */
  async deleteOwned(organisationId: string, id: string): Promise<boolean> {
    const { numDeletedRows } = await this.db
      .deleteFrom('webhooks')
      .where('id', '=', id)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return numDeletedRows === 1n;
  }

  /** One pending delivery per registration of these organisations that subscribes to `event`. */
  async insertDeliveriesFor(
    manager: EntityManager,
    organisationIds: string[],
    event: string,
    payload: unknown,
  ): Promise<string[]> {
    const rows = await typedQueries(manager)
      .insertInto('webhook_deliveries')
      .columns(['webhook_id', 'event', 'payload'])
      .expression((eb) =>
        eb
          .selectFrom('webhooks as w')
          .select([
            'w.id',
            sql<string>`${event}::text`.as('event'),
            sql<unknown>`${JSON.stringify(payload)}::jsonb`.as('payload'),
          ])
          .where('w.organisation_id', '=', anyUuid(organisationIds))
          .where(sql<boolean>`${event}::text = ANY(w.events)`),
      )
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async findOutgoing(ids: string[]): Promise<OutgoingDelivery[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select(['d.id', 'd.event', 'd.payload', 'd.created_at as createdAt', 'w.url', 'w.secret'])
      .where('d.id', '=', anyUuid(ids))
      .where('d.status', '=', 'pending')
      .execute();
  }

  async recordAttempt(id: string, attempt: AttemptRecord): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        status: attempt.status,
        last_status_code: attempt.statusCode,
        last_error: attempt.error?.slice(0, 2000) ?? null,
        last_attempt_at: sql<Date>`now()`,
        delivered_at: attempt.status === 'delivered' ? sql<Date>`now()` : null,
        failed_at: attempt.status === 'failed' ? sql<Date>`now()` : null,
      }))
      .where('id', '=', id)
      .execute();
  }

  async findDeliveryPage(
    webhookId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<DeliveryRow[]> {
    let query = this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId);
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)),
      );
    }
    const rows = await query.orderBy('created_at').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      webhookId: r.webhook_id,
      event: checkedText(WEBHOOK_EVENTS, r.event, 'webhook_deliveries.event'),
      payload: r.payload,
      status: checkedText(WEBHOOK_DELIVERY_STATUSES, r.status, 'webhook_deliveries.status'),
      attempts: r.attempts,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      lastAttemptAt: r.last_attempt_at,
      deliveredAt: r.delivered_at,
      failedAt: r.failed_at,
      createdAt: r.created_at,
    }));
  }
}

function toWebhook(row: Selectable<Database['webhooks']>): WebhookRow {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    url: row.url,
    events: row.events.map((e) => checkedText(WEBHOOK_EVENTS, e, 'webhooks.events')),
    createdAt: row.created_at,
  };
}
