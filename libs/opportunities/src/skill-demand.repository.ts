import { typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';

/** Which requests make skill demand: a programme's in a window, or every open one. */
export type SkillDemandScope =
  { programmeId: string; from: string; to: string } | { programmeId: null };

/** One skill asked by one request for one country (null: work open to people anywhere). */
export interface SkillAsk {
  readonly skillId: string;
  readonly country: string | null;
  readonly minLevel: number;
  readonly mustHave: boolean;
  readonly openings: number;
  /** Demand now (open, or open on a day of the window); the others only set the supply level. */
  readonly counted: boolean;
}

/**
 * The skills work requests and listings ask for, per country they name (docs/reporting.md,
 * "Skill gaps"):
 *
 * - programme scope: the programme's **partner** requests (the organisation is a partner, or an
 *   admin or a partner's broker attached it: only they can set `programme_attached_by`),
 *   published; `counted` when open now or open on a day of the window (published by its end,
 *   closed or filled after its start). Drafts, listings in review and requests a company tagged
 *   with the programme by itself never appear. Partners are read from `programme_partnerships`,
 *   the view training declares for the libs below it;
 * - no programme: every open request.
 */
@Injectable()
export class SkillDemandRepository {
  async asks(manager: EntityManager, scope: SkillDemandScope): Promise<SkillAsk[]> {
    const { programmeId } = scope;
    let query = typedQueries(manager)
      .selectFrom('opportunities as o')
      .innerJoin('opportunity_skills as s', 's.opportunity_id', 'o.id')
      .select(['s.skill_id', 's.min_level', 's.must_have', 'o.openings', 'o.countries'])
      .select(
        scope.programmeId === null
          ? sql<boolean>`o.status = 'open'`.as('counted')
          : sql<boolean>`(o.status = 'open'
              OR (o.published_at < (${scope.to}::date + 1)::timestamp AT TIME ZONE 'UTC'
                  AND o.closed_at >= ${scope.from}::date::timestamp AT TIME ZONE 'UTC'))`.as(
              'counted',
            ),
      )
      .where('o.published_at', 'is not', null)
      .where('o.status', 'in', ['open', 'closed', 'filled']);
    query =
      programmeId === null
        ? query.where('o.status', '=', 'open')
        : query
            .where('o.programme_id', '=', programmeId)
            .where((eb) =>
              eb.or([
                eb(
                  'o.organisation_id',
                  'in',
                  eb
                    .selectFrom('programme_partnerships as pp')
                    .select('pp.organisation_id')
                    .where('pp.programme_id', '=', programmeId),
                ),
                eb('o.programme_attached_by', 'is not', null),
              ]),
            );
    const rows = await query.execute();
    // one ask per country the request names; none named: open to people anywhere
    return rows.flatMap((r) =>
      (r.countries.length === 0 ? [null] : r.countries.map((c) => c.trim())).map((country) => ({
        skillId: r.skill_id,
        country,
        minLevel: r.min_level,
        mustHave: r.must_have,
        openings: r.openings,
        counted: r.counted,
      })),
    );
  }
}
