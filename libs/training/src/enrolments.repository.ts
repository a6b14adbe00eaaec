import { checkedText, typedQueries } from '@app/database';
import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import { dateText } from './training-sql.js';
import type { EnrolmentRecord } from './training-records.js';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from './training-values.js';

/** An enrolment with the course it belongs to and that course's provider. */
export interface EnrolmentInCourse {
  enrolment: EnrolmentRecord;
  courseId: string;
  providerId: string;
}

/** A trainee's own enrolment with the course and cohort facts this lib holds. */
export interface ProfileEnrolmentRow extends PagePosition {
  id: string;
  status: EnrolmentStatus;
  score: number | null;
  finishedAt: Date | null;
  cohortId: string;
  startsOn: string;
  endsOn: string;
  location: string | null;
  courseId: string;
  courseTitle: string;
  providerId: string;
}

const ENROLMENT_COLUMNS = [
  'id',
  'cohort_id',
  'profile_id',
  'status',
  'score',
  'finished_at',
  'created_at',
] as const;

const selectEnrolments = (manager: EntityManager) =>
  typedQueries(manager)
    .selectFrom('enrolments as e')
    .select([
      'e.id',
      'e.cohort_id',
      'e.profile_id',
      'e.status',
      'e.score',
      'e.finished_at',
      'e.created_at',
    ]);

function toEnrolment(r: InferResult<ReturnType<typeof selectEnrolments>>[number]): EnrolmentRecord {
  return {
    id: r.id,
    cohortId: r.cohort_id,
    profileId: r.profile_id,
    status: checkedText(ENROLMENT_STATUSES, r.status, 'enrolments.status'),
    score: r.score,
    finishedAt: r.finished_at,
    createdAt: r.created_at,
  };
}

@Injectable()
export class EnrolmentsRepository {
  async isEnrolled(manager: EntityManager, cohortId: string, profileId: string): Promise<boolean> {
    const row = await typedQueries(manager)
      .selectFrom('enrolments')
      .select('id')
      .where('cohort_id', '=', cohortId)
      .where('profile_id', '=', profileId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The new enrolment, or null when the person already has one in this cohort. */
  async insertUnlessEnrolled(
    manager: EntityManager,
    fields: { cohortId: string; profileId: string; enrolledBy: string },
  ): Promise<EnrolmentRecord | null> {
    const row = await typedQueries(manager)
      .insertInto('enrolments')
      .values({
        cohort_id: fields.cohortId,
        profile_id: fields.profileId,
        enrolled_by: fields.enrolledBy,
      })
      .onConflict((oc) => oc.constraint('enrolments_one_per_cohort').doNothing())
      .returning(ENROLMENT_COLUMNS)
      .executeTakeFirst();
    return row === undefined ? null : toEnrolment(row);
  }

  async findPageOfCohort(
    manager: EntityManager,
    cohortId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<EnrolmentRecord[]> {
    let query = selectEnrolments(manager).where('e.cohort_id', '=', cohortId);
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('e.created_at', 'e.id'), '>', eb.tuple(after.createdAt, after.id)),
      );
    }
    const rows = await query.orderBy('e.created_at').orderBy('e.id').limit(limit).execute();
    return rows.map(toEnrolment);
  }

  /**
   * The enrolment locked until the transaction ends (with its course and provider), so that a
   * completion and a drop, or two completions, of one enrolment run one after the other.
   */
  async lockInCourse(
    manager: EntityManager,
    enrolmentId: string,
  ): Promise<EnrolmentInCourse | null> {
    const row = await selectEnrolments(manager)
      .innerJoin('cohorts as cohort', 'cohort.id', 'e.cohort_id')
      .innerJoin('courses as course', 'course.id', 'cohort.course_id')
      .select(['course.id as course_id', 'course.provider_id'])
      .where('e.id', '=', enrolmentId)
      .forUpdate('e')
      .executeTakeFirst();
    if (row === undefined) return null;
    return { enrolment: toEnrolment(row), courseId: row.course_id, providerId: row.provider_id };
  }

  async markFinished(
    manager: EntityManager,
    enrolmentId: string,
    status: 'completed' | 'dropped',
    score: number | null,
  ): Promise<EnrolmentRecord> {
    const row = await typedQueries(manager)
      .updateTable('enrolments')
      .set({ status, score, finished_at: sql<Date>`now()` })
      .where('id', '=', enrolmentId)
      .returning(ENROLMENT_COLUMNS)
      .executeTakeFirstOrThrow();
    return toEnrolment(row);
  }

  /** The enrolments of one profile, newest last, with course, provider and cohort dates. */
  async findPageOfProfile(
    manager: EntityManager,
    profileId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<ProfileEnrolmentRow[]> {
    let query = typedQueries(manager)
      .selectFrom('enrolments as e')
      .innerJoin('cohorts as h', 'h.id', 'e.cohort_id')
      .innerJoin('courses as c', 'c.id', 'h.course_id')
      .select([
        'e.id',
        'e.status',
        'e.score',
        'e.finished_at',
        'e.created_at',
        'h.id as cohort_id',
        dateText('h.starts_on').as('starts_on'),
        dateText('h.ends_on').as('ends_on'),
        'h.location',
        'c.id as course_id',
        'c.title as course_title',
        'c.provider_id',
      ])
      .where('e.profile_id', '=', profileId);
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('e.created_at', 'e.id'), '>', eb.tuple(after.createdAt, after.id)),
      );
    }
    const rows = await query.orderBy('e.created_at').orderBy('e.id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      status: checkedText(ENROLMENT_STATUSES, r.status, 'enrolments.status'),
      score: r.score,
      finishedAt: r.finished_at,
      createdAt: r.created_at,
      cohortId: r.cohort_id,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      location: r.location,
      courseId: r.course_id,
      courseTitle: r.course_title,
      providerId: r.provider_id,
    }));
  }
}
