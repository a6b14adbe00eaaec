import { runPrepared, TransactionRunner, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { dateText } from './training-sql.js';
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
    const wanted = sql<{ skill_id: string; level: number }>`unnest(
      ${unique.map((n) => n.skillId)}::uuid[], ${unique.map((n) => n.level)}::smallint[])`.as<'n'>(
      sql`n(skill_id, level)`,
    );
    const db = typedQueries(this.tx.manager);
    const ranked = db
      .selectFrom(wanted)
      .innerJoin('course_skills as cs', (join) =>
        join.onRef('cs.skill_id', '=', 'n.skill_id').onRef('cs.level', '>=', 'n.level'),
      )
      .innerJoin('courses as c', 'c.id', 'cs.course_id')
      .innerJoin('cohorts as h', (join) =>
        join.onRef('h.course_id', '=', 'c.id').on('h.starts_on', '>=', sql<Date>`${today}::date`),
      )
      .where((eb) =>
        eb(
          'h.capacity',
          '>',
          eb
            .selectFrom('enrolments as e')
            .select(sql<number>`count(*)`.as('taken'))
            .whereRef('e.cohort_id', '=', 'h.id')
            .where('e.status', '<>', 'dropped'),
        ),
      )
      .select([
        'n.skill_id',
        'n.level',
        'c.id as course_id',
        'c.title',
        'h.id as cohort_id',
        dateText('h.starts_on').as('starts_on'),
        dateText('h.ends_on').as('ends_on'),
        sql<number>`row_number() OVER (PARTITION BY n.skill_id, n.level
                                       ORDER BY h.starts_on, c.title, h.id)`.as('rank'),
      ]);
    // read on every ranking with near misses: planned once per connection
    const rows = await runPrepared(
      this.tx.manager,
      'course_offers_teaching',
      db
        .selectFrom(ranked.as('o'))
        .select([
          'o.skill_id as skillId',
          'o.level',
          'o.course_id as courseId',
          'o.title',
          'o.cohort_id as cohortId',
          'o.starts_on as startsOn',
          'o.ends_on as endsOn',
        ])
        .where('o.rank', '<=', MAX_OFFERS_PER_SKILL)
        .orderBy('o.skill_id')
        .orderBy('o.level')
        .orderBy('o.rank'),
    );
    for (const { skillId, level, ...offer } of rows) {
      out.get(offerKey({ skillId, level }))?.push(offer);
    }
    return out;
  }
}
