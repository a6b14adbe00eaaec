import { anyUuid, checkedText, typedQueries } from '@app/database';
import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import { dateText } from './training-sql.js';
import type { CohortRecord, CourseRecord } from './training-records.js';
import { COURSE_MODES, type CourseMode, type SkillAtLevel } from './training-values.js';

export interface NewCourse {
  programmeId: string | null;
  providerId: string;
  title: string;
  hours: number;
  mode: CourseMode;
}

export interface NewCohort {
  courseId: string;
  startsOn: string;
  endsOn: string;
  location: string | null;
  capacity: number;
}

/** A cohort together with the provider of its course: who may act on it. */
export interface CohortOfProvider {
  cohort: Omit<CohortRecord, 'seatsTaken'>;
  providerId: string;
}

/** A course teaching a skill, with its next cohort not started yet. */
export interface TeachingCourse {
  skillId: string;
  courseId: string;
  title: string;
  level: number;
  programmeId: string | null;
  nextCohort: { cohortId: string; startsOn: string } | null;
}

/** Courses of one provider and/or programme; undefined: any. */
export interface CourseFilter {
  providerId?: string;
  programmeId?: string;
}

const COURSE_COLUMNS = [
  'id',
  'programme_id',
  'provider_id',
  'title',
  'hours',
  'mode',
  'created_at',
] as const;

const selectCourses = (manager: EntityManager, filter: CourseFilter = {}) => {
  let query = typedQueries(manager).selectFrom('courses').select(COURSE_COLUMNS);
  if (filter.providerId !== undefined) {
    query = query.where('provider_id', '=', filter.providerId);
  }
  if (filter.programmeId !== undefined) {
    query = query.where('programme_id', '=', filter.programmeId);
  }
  return query;
};

function toCourse(r: InferResult<ReturnType<typeof selectCourses>>[number]): CourseRecord {
  return {
    id: r.id,
    programmeId: r.programme_id,
    providerId: r.provider_id,
    title: r.title,
    hours: r.hours,
    mode: checkedText(COURSE_MODES, r.mode, 'courses.mode'),
    createdAt: r.created_at,
  };
}

const selectCohorts = (manager: EntityManager) =>
  typedQueries(manager)
    .selectFrom('cohorts as h')
    .select([
      'h.id',
      'h.course_id',
      dateText('h.starts_on').as('starts_on'),
      dateText('h.ends_on').as('ends_on'),
      'h.location',
      'h.capacity',
      'h.created_at',
    ]);

function toCohort(
  r: InferResult<ReturnType<typeof selectCohorts>>[number],
): Omit<CohortRecord, 'seatsTaken'> {
  return {
    id: r.id,
    courseId: r.course_id,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    location: r.location,
    capacity: r.capacity,
    createdAt: r.created_at,
  };
}

@Injectable()
export class CoursesRepository {
  async insertCourse(
    manager: EntityManager,
    fields: NewCourse,
    skills: SkillAtLevel[],
  ): Promise<CourseRecord> {
    const row = await typedQueries(manager)
      .insertInto('courses')
      .values({
        programme_id: fields.programmeId,
        provider_id: fields.providerId,
        title: fields.title,
        hours: fields.hours,
        mode: fields.mode,
      })
      .returning(COURSE_COLUMNS)
      .executeTakeFirstOrThrow();
    if (skills.length > 0) {
      await typedQueries(manager)
        .insertInto('course_skills')
        .values(skills.map((s) => ({ course_id: row.id, skill_id: s.skillId, level: s.level })))
        .execute();
    }
    return toCourse(row);
  }

  async findCourseById(manager: EntityManager, id: string): Promise<CourseRecord | null> {
    const row = await selectCourses(manager).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toCourse(row);
  }

  /** Courses in creation order after `after`, `limit` of them. */
  async findCoursePage(
    manager: EntityManager,
    filter: CourseFilter,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<CourseRecord[]> {
    let query = selectCourses(manager, filter);
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)),
      );
    }
    const rows = await query.orderBy('created_at').orderBy('id').limit(limit).execute();
    return rows.map(toCourse);
  }

  /** Every course of the filter, oldest first. */
  async findCourses(manager: EntityManager, filter: CourseFilter): Promise<CourseRecord[]> {
    const rows = await selectCourses(manager, filter).orderBy('created_at').orderBy('id').execute();
    return rows.map(toCourse);
  }

  /** Every course teaching one of these skills, with the level and its next cohort not started. */
  async findCoursesTeaching(
    manager: EntityManager,
    skillIds: readonly string[],
  ): Promise<TeachingCourse[]> {
    if (skillIds.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('course_skills as cs')
      .innerJoin('courses as c', 'c.id', 'cs.course_id')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('cohorts as h')
            .select(['h.id', 'h.starts_on'])
            .whereRef('h.course_id', '=', 'c.id')
            .where('h.starts_on', '>=', sql<Date>`current_date`)
            .orderBy('h.starts_on')
            .orderBy('h.id')
            .limit(1)
            .as('n'),
        (join) => join.onTrue(),
      )
      .select([
        'cs.skill_id',
        'c.id as course_id',
        'c.title',
        'cs.level',
        'c.programme_id',
        'n.id as cohort_id',
        sql<string | null>`to_char(n.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      ])
      .where('cs.skill_id', '=', anyUuid(skillIds))
      .orderBy('c.title')
      .orderBy('c.id')
      .execute();
    return rows.map((r) => ({
      skillId: r.skill_id,
      courseId: r.course_id,
      title: r.title,
      level: r.level,
      programmeId: r.programme_id,
      nextCohort:
        r.cohort_id === null || r.starts_on === null
          ? null
          : { cohortId: r.cohort_id, startsOn: r.starts_on },
    }));
  }

  /** Taught skills per course id. */
  async findSkillsOfCourses(
    manager: EntityManager,
    courseIds: string[],
  ): Promise<Map<string, SkillAtLevel[]>> {
    const out = new Map<string, SkillAtLevel[]>(courseIds.map((id) => [id, []]));
    if (courseIds.length === 0) return out;
    const rows = await typedQueries(manager)
      .selectFrom('course_skills')
      .select(['course_id', 'skill_id', 'level'])
      .where('course_id', '=', anyUuid(courseIds))
      .orderBy('skill_id')
      .execute();
    for (const row of rows) {
      out.get(row.course_id)?.push({ skillId: row.skill_id, level: row.level });
    }
    return out;
  }

  async insertCohort(manager: EntityManager, fields: NewCohort): Promise<CohortRecord> {
    const { id } = await typedQueries(manager)
      .insertInto('cohorts')
      .values({
        course_id: fields.courseId,
        starts_on: fields.startsOn,
        ends_on: fields.endsOn,
        location: fields.location,
        capacity: fields.capacity,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await selectCohorts(manager).where('h.id', '=', id).executeTakeFirstOrThrow();
    return { ...toCohort(row), seatsTaken: 0 };
  }

  /** Cohorts of a course in creation order, each with the seats taken (enrolments not dropped). */
  async findCohortPage(
    manager: EntityManager,
    courseId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<CohortRecord[]> {
    let query = selectCohorts(manager).where('h.course_id', '=', courseId);
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('h.created_at', 'h.id'), '>', eb.tuple(after.createdAt, after.id)),
      );
    }
    const cohorts = (
      await query.orderBy('h.created_at').orderBy('h.id').limit(limit).execute()
    ).map(toCohort);
    const seats = await this.countSeatsTaken(
      manager,
      cohorts.map((c) => c.id),
    );
    return cohorts.map((c) => ({ ...c, seatsTaken: seats.get(c.id) ?? 0 }));
  }

  /** Seats taken per cohort: every enrolment that was not dropped. */
  async countSeatsTaken(manager: EntityManager, cohortIds: string[]): Promise<Map<string, number>> {
    if (cohortIds.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('enrolments')
      .select(['cohort_id', sql<number>`count(*)::int`.as('taken')])
      .where('cohort_id', '=', anyUuid(cohortIds))
      .where('status', '<>', 'dropped')
      .groupBy('cohort_id')
      .execute();
    return new Map(rows.map((r) => [r.cohort_id, r.taken]));
  }

  /** The cohort and its course's provider, without locking. */
  async findCohortOfProvider(
    manager: EntityManager,
    cohortId: string,
  ): Promise<CohortOfProvider | null> {
    return this.cohortOfProvider(manager, cohortId, false);
  }

  /**
   * The cohort row locked until the transaction ends: enrolments into one cohort then run one
   * at a time, so counting seats and inserting cannot race past the capacity.
   */
  async lockCohortOfProvider(
    manager: EntityManager,
    cohortId: string,
  ): Promise<CohortOfProvider | null> {
    return this.cohortOfProvider(manager, cohortId, true);
  }

  private async cohortOfProvider(
    manager: EntityManager,
    cohortId: string,
    lock: boolean,
  ): Promise<CohortOfProvider | null> {
    const row = await selectCohorts(manager)
      .innerJoin('courses as course', 'course.id', 'h.course_id')
      .select('course.provider_id')
      .where('h.id', '=', cohortId)
      .$if(lock, (q) => q.forUpdate('h'))
      .executeTakeFirst();
    return row === undefined ? null : { cohort: toCohort(row), providerId: row.provider_id };
  }
}
