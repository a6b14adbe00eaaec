import { TransactionRunner } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { SkillAtLevel } from './training-values.js';

/** A cohort one can still join, of a course that teaches a skill at (at least) a level. */
export interface CohortOffer {
  courseId: string;
  title: string;
  cohortId: string;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD */
  endsOn: string;
}

/** Cohorts offered per needed skill and level at most; enough for a person to choose from. */
export const MAX_OFFERS_PER_SKILL = 5;

export const offerKey = (need: SkillAtLevel): string => `${need.skillId}:${need.level}`;

/**
 * Which training closes a skill gap: the read other libs (matching) use instead of reading the
 * training tables themselves.
 */
@Injectable()
export class CourseOffers {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * For each need (skill, level), the open cohorts of courses teaching that skill at that level
   * or above, earliest start first (at most {@link MAX_OFFERS_PER_SKILL}), keyed by
   * {@link offerKey}. Open: starting on `today` or later with a seat left (enrolments not
   * dropped below capacity).
   */
  async openCohortsTeaching(
    needs: readonly SkillAtLevel[],
    today: string,
  ): Promise<Map<string, CohortOffer[]>> {
    const unique = [...new Map(needs.map((n) => [offerKey(n), n])).values()];
    const out = new Map<string, CohortOffer[]>(unique.map((n) => [offerKey(n), []]));
    if (unique.length === 0) return out;
    const rows: (CohortOffer & { skillId: string; level: number })[] = await this.tx.manager.query(
      `SELECT skill_id AS "skillId", level, course_id AS "courseId", title, cohort_id AS "cohortId",
              starts_on AS "startsOn", ends_on AS "endsOn"
         FROM (SELECT n.skill_id, n.level, c.id AS course_id, c.title, h.id AS cohort_id,
                      to_char(h.starts_on, 'YYYY-MM-DD') AS starts_on,
                      to_char(h.ends_on, 'YYYY-MM-DD') AS ends_on,
                      row_number() OVER (PARTITION BY n.skill_id, n.level
                                         ORDER BY h.starts_on, c.title, h.id) AS rank
                 FROM unnest($1::uuid[], $2::smallint[]) AS n(skill_id, level)
                 JOIN course_skills cs ON cs.skill_id = n.skill_id AND cs.level >= n.level
                 JOIN courses c ON c.id = cs.course_id
                 JOIN cohorts h ON h.course_id = c.id AND h.starts_on >= $3::date
                WHERE h.capacity > (SELECT count(*) FROM enrolments e
                                     WHERE e.cohort_id = h.id AND e.status <> 'dropped')) o
        WHERE rank <= $4
        ORDER BY skill_id, level, rank`,
      [unique.map((n) => n.skillId), unique.map((n) => n.level), today, MAX_OFFERS_PER_SKILL],
    );
    for (const { skillId, level, ...offer } of rows) {
      out.get(offerKey({ skillId, level }))?.push(offer);
    }
    return out;
  }
}
