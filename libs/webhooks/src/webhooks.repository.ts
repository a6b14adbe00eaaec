import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { WebhookDeliveryStatus } from './webhook-events.js';

export interface WebhookRow {
  id: string;
  organisationId: string;
  url: string;
  events: string[];
  createdAt: Date;
}

export interface DeliveryRow {
  id: string;
  webhookId: string;
  event: string;
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

const WEBHOOK_COLUMNS = `id, organisation_id AS "organisationId", url, events, created_at AS "createdAt"`;
const DELIVERY_COLUMNS = `id, webhook_id AS "webhookId", event, payload, status, attempts,
  last_status_code AS "lastStatusCode", last_error AS "lastError",
  last_attempt_at AS "lastAttemptAt", delivered_at AS "deliveredAt", failed_at AS "failedAt",
  created_at AS "createdAt"`;

/** Webhook registrations (always read through their organisation) and their deliveries. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when `userId` owns the organisation (the account that registered the company). */
  async isOwner(organisationId: string, userId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM organisations WHERE id = $1 AND owner_user_id = $2`,
      [organisationId, userId],
    )) as unknown[];
    return rows.length === 1;
  }

  /**
   * Registers a webhook unless the organisation already holds `limit`; undefined then. The
   * organisation's row is locked first, so concurrent registrations are counted one after
   * another (the count runs in a statement that starts after the lock is held).
   */
  async insertWithinLimit(
    organisationId: string,
    createdBy: string,
    values: { url: string; events: string[]; secret: string },
    limit: number,
  ): Promise<WebhookRow | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE`, [organisationId]);
      const [row] = (await manager.query(
        `INSERT INTO webhooks (organisation_id, created_by, url, events, secret)
         SELECT $1, $2, $3, $4, $5
          WHERE (SELECT count(*) FROM webhooks WHERE organisation_id = $1) < $6
         RETURNING ${WEBHOOK_COLUMNS}`,
        [organisationId, createdBy, values.url, values.events, values.secret, limit],
      )) as WebhookRow[];
      return row;
    });
  }

  async findPageOf(
    organisationId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<WebhookRow[]> {
    return (await this.dataSource.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks
        WHERE organisation_id = $1
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [organisationId, after?.createdAt ?? null, after?.id ?? null, limit],
    )) as WebhookRow[];
  }

  async findOwned(organisationId: string, id: string): Promise<WebhookRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1 AND organisation_id = $2`,
      [id, organisationId],
    )) as WebhookRow[];
    return row;
  }

  /** Deletes a registration and its delivery records; false when it is not the organisation's. */
  async deleteOwned(organisationId: string, id: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM webhooks WHERE id = $1 AND organisation_id = $2 RETURNING id`,
      [id, organisationId],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  /** One pending delivery per registration of these organisations that subscribes to `event`. */
  async insertDeliveriesFor(
    manager: EntityManager,
    organisationIds: string[],
    event: string,
    payload: unknown,
  ): Promise<string[]> {
    const rows = (await manager.query(
      `INSERT INTO webhook_deliveries (webhook_id, event, payload)
       SELECT w.id, $2, $3::jsonb FROM webhooks w
        WHERE w.organisation_id = ANY($1::uuid[]) AND $2 = ANY(w.events)
       RETURNING id`,
      [organisationIds, event, JSON.stringify(payload)],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async findOutgoing(ids: string[]): Promise<OutgoingDelivery[]> {
    if (ids.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT d.id, d.event, d.payload, d.created_at AS "createdAt", w.url, w.secret
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.id = ANY($1::uuid[]) AND d.status = 'pending'`,
      [ids],
    )) as OutgoingDelivery[];
  }

  async recordAttempt(id: string, attempt: AttemptRecord): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET attempts = attempts + 1, status = $2, last_status_code = $3, last_error = $4,
              last_attempt_at = now(),
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() END,
              failed_at = CASE WHEN $2 = 'failed' THEN now() END
        WHERE id = $1`,
      [id, attempt.status, attempt.statusCode, attempt.error?.slice(0, 2000) ?? null],
    );
  }

  async findDeliveryPage(
    webhookId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<DeliveryRow[]> {
    return (await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
        WHERE webhook_id = $1
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [webhookId, after?.createdAt ?? null, after?.id ?? null, limit],
    )) as DeliveryRow[];
  }
}
