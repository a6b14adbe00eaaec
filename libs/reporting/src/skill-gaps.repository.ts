import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DemandAtLevel, RawSkillGap } from './skill-gaps.js';

/** Which requests make the demand: a programme's in a window, or every open one. */
export type DemandScope = { programmeId: string; from: string; to: string } | { programmeId: null };

/** A course teaching a skill, with its next cohort not started yet. */
export interface TeachingCourse {
  skillId: string;
  courseId: string;
  title: string;
  level: number;
  programmeId: string | null;
  nextCohort: { cohortId: string; startsOn: string } | null;
}

/**
 * The requests in scope (`scoped`), each with `counted` when it is demand now:
 *
 * - programme scope: the programme's **partner** requests (as for the indicators: the
 *   organisation is a partner, or an admin or a partner's broker attached it), published, and
 *   open now or open on a day of the window (published by its end, closed or filled after its
 *   start); drafts, listings in review and never-published requests never count. A company
 *   tagging its own request with the programme does not move the report;
 * - no programme: every open request (the platform's open demand).
 *
 * The level supply is counted at is taken over every scoped request, counted in the window or
 * not, so that the same skill and country are always counted at the same level whatever the
 * window: two windows cannot be subtracted into the holders of one level.
 */
const SCOPED = `
  partners AS (SELECT organisation_id FROM programme_partners WHERE programme_id = $1::uuid),
  scoped AS (
    SELECT o.id, o.openings,
           CASE WHEN cardinality(o.countries) = 0 THEN ARRAY[NULL::text]
                ELSE o.countries::text[] END AS countries,
           (o.status = 'open'
             OR ($2::date IS NOT NULL
                 AND o.published_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
                 AND o.closed_at >= $2::date::timestamp AT TIME ZONE 'UTC')) AS counted
    FROM opportunities o
    WHERE o.published_at IS NOT NULL
      AND o.status IN ('open', 'closed', 'filled')
      AND CASE WHEN $1::uuid IS NULL THEN o.status = 'open'
               ELSE o.programme_id = $1::uuid
                    AND (o.organisation_id IN (SELECT organisation_id FROM partners)
                         OR o.programme_attached_by IN (
                              SELECT id FROM users
                               WHERE role = 'admin'
                                  OR organisation_id IN (SELECT organisation_id FROM partners)))
          END
  ),
  asks AS (
    SELECT s.skill_id, trim(c.country) AS country, s.min_level, s.must_have, o.openings, o.counted
    FROM scoped o
    JOIN opportunity_skills s ON s.opportunity_id = o.id
    CROSS JOIN LATERAL unnest(o.countries) AS c(country)
  ),
  cells AS (
    SELECT skill_id, country,
           coalesce(min(min_level) FILTER (WHERE must_have), min(min_level)) AS level
    FROM asks GROUP BY skill_id, country
    HAVING bool_or(counted)
  ),
  levels AS (
    SELECT skill_id, country,
           jsonb_agg(jsonb_build_object(
             'minLevel', min_level,
             'mustHave', jsonb_build_object('requests', must_requests, 'openings', must_openings),
             'niceToHave', jsonb_build_object('requests', nice_requests, 'openings', nice_openings))
             ORDER BY min_level) AS by_level
    FROM (SELECT skill_id, country, min_level,
                 count(*) FILTER (WHERE must_have) AS must_requests,
                 coalesce(sum(openings) FILTER (WHERE must_have), 0) AS must_openings,
                 count(*) FILTER (WHERE NOT must_have) AS nice_requests,
                 coalesce(sum(openings) FILTER (WHERE NOT must_have), 0) AS nice_openings
          FROM asks WHERE counted
          GROUP BY skill_id, country, min_level) l
    GROUP BY skill_id, country
  ),
  supply AS (
    SELECT c.skill_id, c.country, count(*) AS people,
           count(*) FILTER (WHERE ps.certified_level >= c.level) AS verified
    FROM cells c
    JOIN profile_skills ps ON ps.skill_id = c.skill_id AND ps.level >= c.level
    JOIN profiles p ON p.id = ps.profile_id
    WHERE p.open_to_work AND p.erased_at IS NULL
      AND (c.country IS NULL OR p.country = c.country)
    GROUP BY c.skill_id, c.country
  )`;

/**
 * Skill demand of work requests and listings against the people open to work who hold the
 * skill, per skill and country, in one statement (docs/reporting.md, "Skill gaps"). Supply is
 * every person open to work on the platform in the row's country (anywhere for work open to
 * anyone), holding the skill at the row's level or above, verified or not; it reads no inclusion
 * data.
 */
@Injectable()
export class SkillGapsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async gaps(scope: DemandScope): Promise<RawSkillGap[]> {
    const rows: {
      skill_id: string;
      country: string | null;
      level: number;
      by_level: DemandAtLevel[];
      people: string | null;
      verified: string | null;
    }[] = await this.dataSource.query(
      `WITH ${SCOPED}
       SELECT c.skill_id, c.country, c.level, l.by_level, s.people, s.verified
       FROM cells c
       JOIN levels l ON l.skill_id = c.skill_id AND l.country IS NOT DISTINCT FROM c.country
       LEFT JOIN supply s ON s.skill_id = c.skill_id AND s.country IS NOT DISTINCT FROM c.country`,
      scope.programmeId === null ? [null, null, null] : [scope.programmeId, scope.from, scope.to],
    );
    return rows.map((r) => ({
      skillId: r.skill_id,
      country: r.country,
      level: Number(r.level),
      byLevel: r.by_level,
      people: Number(r.people ?? 0),
      verified: Number(r.verified ?? 0),
    }));
  }

  /** Every course teaching one of these skills, with the level and its next cohort. */
  async coursesTeaching(skillIds: readonly string[]): Promise<TeachingCourse[]> {
    if (skillIds.length === 0) return [];
    const rows: {
      skill_id: string;
      course_id: string;
      title: string;
      level: number;
      programme_id: string | null;
      cohort_id: string | null;
      starts_on: string | null;
    }[] = await this.dataSource.query(
      `SELECT cs.skill_id, c.id AS course_id, c.title, cs.level, c.programme_id,
              n.id AS cohort_id, to_char(n.starts_on, 'YYYY-MM-DD') AS starts_on
       FROM course_skills cs
       JOIN courses c ON c.id = cs.course_id
       LEFT JOIN LATERAL (SELECT h.id, h.starts_on FROM cohorts h
                           WHERE h.course_id = c.id AND h.starts_on >= current_date
                           ORDER BY h.starts_on, h.id LIMIT 1) n ON true
       WHERE cs.skill_id = ANY($1::uuid[])
       ORDER BY c.title, c.id`,
      [skillIds],
    );
    return rows.map((r) => ({
      skillId: r.skill_id,
      courseId: r.course_id,
      title: r.title,
      level: r.level,
      programmeId: r.programme_id,
      nextCohort:
        r.cohort_id === null ? null : { cohortId: r.cohort_id, startsOn: r.starts_on as string },
    }));
  }
}
