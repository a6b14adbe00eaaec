import type { PagePosition } from '@app/http';
import { UsersService } from '@app/identity';
import { OpportunityReads } from '@app/opportunities';
import { ProfilesService } from '@app/profiles';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MatchActor, MatchOpportunityKind, MatchState } from './match-transitions.js';
import {
  MatchesRepository,
  type MatchEventRow,
  type MatchRow,
  type MatchRowScope,
} from './matches.repository.js';

/**
 * Which matches a caller may see: platform staff all; an organisation those it created and
 * those on its own requests and listings; a trainee those on their own profile they applied
 * or were invited to (a shortlist is the parties' working list, not yet the person's business).
 */
export type MatchScope =
  | { kind: 'all' }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'trainee'; userId: string };

/** A match with what its views need: the opportunity's head and the person's public summary. */
export interface MatchRecord extends MatchRow {
  opportunityKind: MatchOpportunityKind;
  opportunityTitle: string;
  opportunityStatus: string;
  opportunityOrganisationId: string;
  /** The opportunity's planned length in weeks, when it states one (bounds hours worked). */
  opportunityDurationWeeks: number | null;
  profileUserId: string | null;
  profileErased: boolean;
  profileVisibility: string;
  displayName: string | null;
  headline: string | null;
  country: string | null;
  city: string | null;
}

/** An audit event; the actor's id is hidden once that person is erased. */
export type MatchEventRecord = MatchEventRow;

export interface MatchFilters {
  opportunityId?: string;
  opportunityKind?: MatchOpportunityKind;
  profileId?: string;
  states?: MatchState[];
}

/**
 * Matches as their views need them: the rows of `matches` (this lib's), with the opportunity's
 * head and the person's summary read from their owners (opportunities, profiles, identity) in
 * one batched call each, in the caller's transaction. A scope becomes a condition on `matches`
 * alone: the organisation's opportunity ids and the trainee's profile id come from their owners.
 */
@Injectable()
export class MatchRecords {
  constructor(
    private readonly matches: MatchesRepository,
    private readonly opportunities: OpportunityReads,
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
  ) {}

  /** One match in scope; with `lock`, its row (only) is locked until the transaction ends. */
  async findInScope(
    manager: EntityManager,
    scope: MatchScope,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<MatchRecord | undefined> {
    let opportunityIds: readonly string[] = [];
    if (scope.kind === 'organisation') {
      // which opportunity a match is on never changes: ask its owner before reading in scope
      const opportunityId = await this.matches.findOpportunityId(manager, id);
      if (opportunityId !== undefined) opportunityIds = [opportunityId];
    }
    const row = await this.matches.findInScope(
      manager,
      await this.rowScope(manager, scope, opportunityIds),
      id,
      options,
    );
    if (row === undefined) return undefined;
    const [record] = await this.recordsOf(manager, [row]);
    return record;
  }

  /** Newest first, keyset-paged on (created_at, id). */
  async findPage(
    manager: EntityManager,
    scope: MatchScope,
    filters: MatchFilters,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<MatchRecord[]> {
    const { opportunityId, opportunityKind } = filters;
    if (opportunityKind !== undefined) {
      // a request's id given as a listing's (or the other way round) names nothing
      const named =
        opportunityId === undefined
          ? undefined
          : (await this.opportunities.summaries(manager, [opportunityId])).get(opportunityId);
      if (named?.kind !== opportunityKind) return [];
    }
    const rowScope = await this.rowScope(
      manager,
      scope,
      opportunityId === undefined ? undefined : [opportunityId],
    );
    const rows = await this.matches.findPage(
      manager,
      rowScope,
      { opportunityId, profileId: filters.profileId, states: filters.states },
      after,
      limit,
    );
    return this.recordsOf(manager, rows);
  }

  /** The live applications of an opportunity (applied and not ended), oldest first. */
  async findLiveApplications(
    manager: EntityManager,
    opportunityId: string,
  ): Promise<MatchRecord[]> {
    return this.recordsOf(manager, await this.matches.findLiveApplications(manager, opportunityId));
  }

  /** The audit trail, oldest first; the actor's id is hidden once that person is erased. */
  async findEvents(manager: EntityManager, matchId: string): Promise<MatchEventRecord[]> {
    const events = await this.matches.findEvents(manager, matchId);
    const actors = events.flatMap((e) => (e.actorUserId === null ? [] : [e.actorUserId]));
    const erased = new Set(
      (await this.users.findByIds(actors)).filter((u) => u.erased).map((u) => u.id),
    );
    return events.map((e) =>
      e.actorUserId !== null && erased.has(e.actorUserId) ? { ...e, actorUserId: null } : e,
    );
  }

  /**
   * Staff of these organisations in these roles (not erased), by id: who hears of the parties'
   * side of a match.
   */
  async partyStaff(
    organisationIds: readonly (string | null)[],
    roles: readonly MatchActor[],
  ): Promise<string[]> {
    const staff = await Promise.all(
      [...new Set(organisationIds)]
        .filter((id): id is string => id !== null)
        .map((id) => this.users.findMembersOf(id)),
    );
    return staff
      .flat()
      .filter((u) => !u.erased && (roles as readonly string[]).includes(u.role))
      .map((u) => u.id)
      .sort();
  }

  /**
   * The scope as facts about `matches` rows: an organisation's opportunity ids (among
   * `opportunityIds` when the read is about those only), a trainee's profile id.
   */
  private async rowScope(
    manager: EntityManager,
    scope: MatchScope,
    opportunityIds?: readonly string[],
  ): Promise<MatchRowScope> {
    switch (scope.kind) {
      case 'all':
        return scope;
      case 'organisation':
        return {
          kind: 'organisation',
          organisationId: scope.organisationId,
          opportunityIds: await this.opportunities.idsOwnedBy(
            manager,
            scope.organisationId,
            opportunityIds,
          ),
        };
      case 'trainee':
        return {
          kind: 'trainee',
          profileId: await this.profiles.profileIdOf(scope.userId, manager),
        };
    }
  }

  /** The rows with their opportunity's head and person's summary (one read of each owner). */
  private async recordsOf(manager: EntityManager, rows: MatchRow[]): Promise<MatchRecord[]> {
    if (rows.length === 0) return [];
    const opportunities = await this.opportunities.summaries(
      manager,
      rows.map((r) => r.opportunityId),
    );
    const profiles = await this.profiles.summaries(
      manager,
      rows.map((r) => r.profileId),
    );
    return rows.flatMap((r) => {
      const o = opportunities.get(r.opportunityId);
      const p = profiles.get(r.profileId);
      // both are required by foreign keys; a row without them cannot be shown
      if (o === undefined || p === undefined) return [];
      return [
        {
          ...r,
          opportunityKind: o.kind,
          opportunityTitle: o.title,
          opportunityStatus: o.status,
          opportunityOrganisationId: o.organisationId,
          opportunityDurationWeeks: o.durationWeeks,
          profileUserId: p.userId,
          profileErased: p.erased,
          profileVisibility: p.visibility,
          displayName: p.displayName,
          headline: p.headline,
          country: p.country,
          city: p.city,
        },
      ];
    });
  }
}
