import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CohortEntity } from './entities/cohort.entity.js';
import { CourseEntity } from './entities/course.entity.js';
import { EnrolmentEntity } from './entities/enrolment.entity.js';
import { keysetPage } from './keyset-page.js';
import type { PagePosition } from './page-cursor.js';

/** An enrolment with the course it belongs to and that course's provider. */
export interface EnrolmentInCourse {
  enrolment: EnrolmentEntity;
  courseId: string;
  providerId: string;
}

/** A trainee's own enrolment, joined with what they see of the course. */
export interface TraineeEnrolmentRow extends PagePosition {
  id: string;
  status: EnrolmentEntity['status'];
  score: number | null;
  finishedAt: Date | null;
  cohortId: string;
  startsOn: string;
  endsOn: string;
  location: string | null;
  courseId: string;
  courseTitle: string;
  providerName: string;
}

@Injectable()
export class EnrolmentsRepository {
  async isEnrolled(manager: EntityManager, cohortId: string, profileId: string): Promise<boolean> {
    return manager.getRepository(EnrolmentEntity).existsBy({ cohortId, profileId });
  }

  /** The new enrolment, or null when the person already has one in this cohort. */
  async insertUnlessEnrolled(
    manager: EntityManager,
    fields: { cohortId: string; profileId: string; enrolledBy: string },
  ): Promise<EnrolmentEntity | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO enrolments (cohort_id, profile_id, enrolled_by) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT enrolments_one_per_cohort DO NOTHING RETURNING id`,
      [fields.cohortId, fields.profileId, fields.enrolledBy],
    );
    if (rows.length === 0) return null;
    return manager.getRepository(EnrolmentEntity).findOneByOrFail({ id: rows[0].id });
  }

  findPageOfCohort(
    manager: EntityManager,
    cohortId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<EnrolmentEntity[]> {
    const query = manager
      .getRepository(EnrolmentEntity)
      .createQueryBuilder('e')
      .where('e.cohort_id = :cohortId', { cohortId });
    return keysetPage(query, 'e', after, limit).getMany();
  }

  /**
   * The enrolment locked until the transaction ends (with its course and provider), so that a
   * completion and a drop, or two completions, of one enrolment run one after the other.
   */
  async lockInCourse(
    manager: EntityManager,
    enrolmentId: string,
  ): Promise<EnrolmentInCourse | null> {
    const { entities, raw } = await manager
      .getRepository(EnrolmentEntity)
      .createQueryBuilder('e')
      .innerJoin(CohortEntity, 'cohort', 'cohort.id = e.cohort_id')
      .innerJoin(CourseEntity, 'course', 'course.id = cohort.course_id')
      .addSelect('course.id', 'course_id')
      .addSelect('course.provider_id', 'provider_id')
      .where('e.id = :enrolmentId', { enrolmentId })
      .setLock('pessimistic_write', undefined, ['e'])
      .getRawAndEntities<{ course_id: string; provider_id: string }>();
    if (entities.length === 0) return null;
    return { enrolment: entities[0], courseId: raw[0].course_id, providerId: raw[0].provider_id };
  }

  async markFinished(
    manager: EntityManager,
    enrolmentId: string,
    status: 'completed' | 'dropped',
    score: number | null,
  ): Promise<EnrolmentEntity> {
    await manager.query(
      `UPDATE enrolments SET status = $2, score = $3, finished_at = now() WHERE id = $1`,
      [enrolmentId, status, score],
    );
    return manager.getRepository(EnrolmentEntity).findOneByOrFail({ id: enrolmentId });
  }

  /** The enrolments of one profile, newest last, with course, provider and cohort dates. */
  async findPageOfProfile(
    manager: EntityManager,
    profileId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<TraineeEnrolmentRow[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT e.id, e.status, e.score, e.finished_at, e.created_at,
              h.id AS cohort_id, h.starts_on::text, h.ends_on::text, h.location,
              c.id AS course_id, c.title AS course_title, o.name AS provider_name
         FROM enrolments e
         JOIN cohorts h ON h.id = e.cohort_id
         JOIN courses c ON c.id = h.course_id
         JOIN organisations o ON o.id = c.provider_id
        WHERE e.profile_id = $1
          AND ($2::timestamptz IS NULL OR (e.created_at, e.id) > ($2::timestamptz, $3::uuid))
        ORDER BY e.created_at, e.id
        LIMIT $4`,
      [profileId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((r) => ({
      id: r.id as string,
      status: r.status as EnrolmentEntity['status'],
      score: r.score as number | null,
      finishedAt: r.finished_at as Date | null,
      createdAt: r.created_at as Date,
      cohortId: r.cohort_id as string,
      startsOn: r.starts_on as string,
      endsOn: r.ends_on as string,
      location: r.location as string | null,
      courseId: r.course_id as string,
      courseTitle: r.course_title as string,
      providerName: r.provider_name as string,
    }));
  }
}
