import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Which requests make skill demand: a programme's in a window, or every open one. */
export type SkillDemandScope =
  { programmeId: string; from: string; to: string } | { programmeId: null };

/** One skill asked by one request for one country (null: work open to people anywhere). */
export interface SkillAsk {
  skillId: string;
  country: string | null;
  minLevel: number;
  mustHave: boolean;
  openings: number;
  /** Demand now (open, or open on a day of the window); the others only set the supply level. */
  counted: boolean;
}

/**
 * The skills work requests and listings ask for, per country they name (docs/reporting.md,
 * "Skill gaps"):
 *
 * - programme scope: the programme's **partner** requests (the organisation is a partner, or an
 *   admin or a partner's broker attached it: only they can set `programme_attached_by`),
 *   published; `counted` when open now or open on a day of the window (published by its end,
 *   closed or filled after its start). Drafts, listings in review and requests a company tagged
 *   with the programme by itself never appear;
 * - no programme: every open request.
 */
@Injectable()
export class SkillDemandRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async asks(scope: SkillDemandScope): Promise<SkillAsk[]> {
    const rows: {
      skill_id: string;
      country: string | null;
      min_level: number;
      must_have: boolean;
      openings: number;
      counted: boolean;
    }[] = await this.dataSource.query(
      `SELECT s.skill_id, trim(c.country) AS country, s.min_level, s.must_have, o.openings,
              (o.status = 'open'
                OR ($2::date IS NOT NULL
                    AND o.published_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
                    AND o.closed_at >= $2::date::timestamp AT TIME ZONE 'UTC')) AS counted
       FROM opportunities o
       JOIN opportunity_skills s ON s.opportunity_id = o.id
       CROSS JOIN LATERAL unnest(CASE WHEN cardinality(o.countries) = 0 THEN ARRAY[NULL::text]
                                      ELSE o.countries::text[] END) AS c(country)
       WHERE o.published_at IS NOT NULL
         AND o.status IN ('open', 'closed', 'filled')
         AND CASE WHEN $1::uuid IS NULL THEN o.status = 'open'
                  ELSE o.programme_id = $1::uuid
                       AND (o.organisation_id IN (SELECT organisation_id FROM programme_partners
                                                   WHERE programme_id = $1::uuid)
                            OR o.programme_attached_by IS NOT NULL)
             END`,
      scope.programmeId === null ? [null, null, null] : [scope.programmeId, scope.from, scope.to],
    );
    return rows.map((r) => ({
      skillId: r.skill_id,
      country: r.country,
      minLevel: r.min_level,
      mustHave: r.must_have,
      openings: r.openings,
      counted: r.counted,
    }));
  }
}
