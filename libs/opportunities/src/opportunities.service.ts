import { TransactionRunner } from '@app/database';
import { scopeToOrganisation, type AuthUser } from '@app/identity';
import { OutboxWriter } from '@app/search';
import { WebhookPublisher } from '@app/webhooks';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OpportunityNotFoundError } from './opportunities.errors.js';
import { OpportunitiesRepository } from './opportunities.repository.js';
import { OPPORTUNITIES_INDEX } from './opportunities.search-index.js';
import type { OpportunityHead, OpportunityRecord, ReadScope } from './opportunity-record.js';
import type { OpportunityKind } from './opportunity-vocabulary.js';
import {
  SkillDemandRepository,
  type SkillAsk,
  type SkillDemandScope,
} from './skill-demand.repository.js';

/**
 * Companies see their own requests in any status, brokers every open request, admins all.
 * Brokers see their own organisation's listings; admins all.
 */
export function readScopeOf(kind: OpportunityKind, user: AuthUser): ReadScope {
  if (user.role === 'admin') return { kind: 'all' };
  if (kind === 'work_request' && user.role === 'broker') return { kind: 'open' };
  return { kind: 'own', organisationId: scopeToOrganisation(user) };
}

/**
 * What other libs may do with work requests and listings: read one as a caller may see it, lock
 * it for a hire and mark it filled, read what search may show, and the skill demand they make.
 * Records only; answers are the callers' own.
 */
@Injectable()
export class OpportunitiesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: OpportunitiesRepository,
    private readonly demand: SkillDemandRepository,
    private readonly outbox: OutboxWriter,
    private readonly webhooks: WebhookPublisher,
  ) {}

  /** One request or listing as `user` may see it; 404 (`OpportunityNotFoundError`) otherwise. */
  async get(kind: OpportunityKind, user: AuthUser, id: string): Promise<OpportunityRecord> {
    const found = await this.repository.findInScope(
      this.tx.manager,
      kind,
      readScopeOf(kind, user),
      id,
    );
    if (found === null) throw new OpportunityNotFoundError(kind);
    return found;
  }

  /**
   * A request or listing as `user` may see it when acting on it (e.g. matching someone to it),
   * inside the caller's transaction; undefined when unknown or out of the caller's sight.
   */
  async findInScope(
    manager: EntityManager,
    kind: OpportunityKind,
    user: AuthUser,
    id: string,
  ): Promise<OpportunityRecord | undefined> {
    return (
      (await this.repository.findInScope(manager, kind, readScopeOf(kind, user), id)) ?? undefined
    );
  }

  /**
   * An opportunity of `kind` by id whatever its status or owner, for a trainee applying (the
   * caller decides what each status allows: drafts and listings in review stay unknown to them).
   */
  async findForApplication(
    manager: EntityManager,
    kind: OpportunityKind,
    id: string,
  ): Promise<OpportunityRecord | undefined> {
    return (await this.repository.findInScope(manager, kind, { kind: 'all' }, id)) ?? undefined;
  }

  /**
   * Of these ids, the requests and listings search may show now (open, deadline ahead or none),
   * in no particular order.
   */
  findSearchable(ids: readonly string[], now = new Date()): Promise<OpportunityRecord[]> {
    return this.repository.findSearchableByIds(this.tx.manager, [...new Set(ids)], now);
  }

  /** Locks the row until the caller's transaction ends: hires count openings under this lock. */
  lockForHire(manager: EntityManager, id: string): Promise<OpportunityHead | undefined> {
    return this.repository.lockHead(manager, id);
  }

  /**
   * open → filled inside the caller's transaction (every opening is taken): it leaves search
   * and matching once the outbox is relayed, and the owner hears `work_request.filled`.
   */
  async markFilled(manager: EntityManager, opportunity: OpportunityHead): Promise<void> {
    if (!(await this.repository.markFilled(manager, opportunity.id))) return;
    await this.outbox.enqueueSearchSync(manager, OPPORTUNITIES_INDEX, [opportunity.id]);
    if (opportunity.kind === 'work_request') {
      await this.webhooks.publish(manager, {
        event: 'work_request.filled',
        organisationIds: [opportunity.organisationId],
        payload: { workRequestId: opportunity.id, openings: opportunity.openings },
      });
    }
  }

  /** The skills requests and listings ask for, per country (skill gaps; see SkillDemandRepository). */
  skillDemand(scope: SkillDemandScope): Promise<SkillAsk[]> {
    return this.demand.asks(this.tx.manager, scope);
  }
}
