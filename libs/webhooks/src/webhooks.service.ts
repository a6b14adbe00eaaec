import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  cursorPosition,
  DEFAULT_PAGE_SIZE,
  ForbiddenError,
  InputValidationError,
  toPage,
  type PageQueryDto,
} from '@app/http';
import { TransactionRunner } from '@app/database';
import { OrganisationDirectory, scopeToOrganisation, type AuthUser } from '@app/identity';
import { Inject, Injectable } from '@nestjs/common';
import type {
  WebhookCreateDto,
  WebhookCreatedDto,
  WebhookDeliveryPageDto,
  WebhookPageDto,
  WebhookResponseDto,
} from './dto/webhook.dto.js';
import { generateWebhookSecret } from './webhook-signature.js';
import { resolveTarget } from './webhook-target.js';
import { WebhookLimitReachedError, WebhookNotFoundError } from './webhooks.errors.js';
import { WebhooksRepository, type DeliveryRow, type WebhookRow } from './webhooks.repository.js';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

function toWebhookResponse(row: WebhookRow): WebhookResponseDto {
  return {
    id: row.id,
    organisationId: row.organisationId,
    url: row.url,
    events: row.events,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

function toDeliveryResponse(row: DeliveryRow) {
  return {
    id: row.id,
    event: row.event,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastAttemptAt: iso(row.lastAttemptAt),
    deliveredAt: iso(row.deliveredAt),
    failedAt: iso(row.failedAt),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/**
 * Registrations of an organisation's webhooks: brokers of a membership organisation and the
 * owner of a company manage them. Targets are vetted against SSRF at registration (and again
 * by the dispatcher at every delivery).
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhooksRepository,
    private readonly organisations: OrganisationDirectory,
    private readonly tx: TransactionRunner,
  ) {}

  async create(user: AuthUser, dto: WebhookCreateDto): Promise<WebhookCreatedDto> {
    const organisationId = await this.manageableOrganisation(user);
    const target = await resolveTarget(dto.url, this.config.webhooks.allowPrivateTargets);
    if ('problem' in target) {
      throw new InputValidationError([{ field: 'url', message: target.problem }]);
    }
    const secret = generateWebhookSecret();
    const limit = this.config.webhooks.maxPerOrganisation;
    // the organisation's lock makes concurrent registrations count one after another
    const row = await this.tx.run(async (manager) => {
      await this.organisations.lockForUpdate(manager, organisationId);
      return this.webhooks.insertWithinLimit(
        manager,
        organisationId,
        user.id,
        { url: dto.url, events: dto.events, secret },
        limit,
      );
    });
    if (row === undefined) throw new WebhookLimitReachedError(limit);
    return { ...toWebhookResponse(row), secret };
  }

  async list(user: AuthUser, query: PageQueryDto): Promise<WebhookPageDto> {
    const organisationId = await this.manageableOrganisation(user);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.webhooks.findPageOf(
      organisationId,
      cursorPosition(query.cursor),
      limit + 1,
    );
    const page = toPage(rows, limit);
    return { items: page.rows.map(toWebhookResponse), nextCursor: page.nextCursor };
  }

  async get(user: AuthUser, id: string): Promise<WebhookResponseDto> {
    return toWebhookResponse(await this.requireOwned(user, id));
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const organisationId = await this.manageableOrganisation(user);
    if (!(await this.webhooks.deleteOwned(organisationId, id))) throw new WebhookNotFoundError();
  }

  async deliveries(
    user: AuthUser,
    id: string,
    query: PageQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    const webhook = await this.requireOwned(user, id);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.webhooks.findDeliveryPage(
      webhook.id,
      cursorPosition(query.cursor),
      limit + 1,
    );
    const page = toPage(rows, limit);
    return { items: page.rows.map(toDeliveryResponse), nextCursor: page.nextCursor };
  }

  private async requireOwned(user: AuthUser, id: string): Promise<WebhookRow> {
    const organisationId = await this.manageableOrganisation(user);
    const row = await this.webhooks.findOwned(organisationId, id);
    if (row === undefined) throw new WebhookNotFoundError();
    return row;
  }

  /** The caller's organisation, if they may manage its webhooks (brokers, company owners). */
  private async manageableOrganisation(user: AuthUser): Promise<string> {
    const organisationId = scopeToOrganisation(user);
    if (user.role === 'broker') return organisationId;
    if (user.role === 'company' && (await this.organisations.isOwnedBy(organisationId, user.id))) {
      return organisationId;
    }
    throw new ForbiddenError('Only brokers and the owner of a company manage its webhooks');
  }
}
