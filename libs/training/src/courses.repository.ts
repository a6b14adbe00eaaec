import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CohortEntity } from './entities/cohort.entity.js';
import { CourseEntity } from './entities/course.entity.js';
import { keysetPage } from './keyset-page.js';
import type { PagePosition } from './page-cursor.js';
import type { CourseMode, SkillAtLevel } from './training-values.js';

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

export interface CohortWithSeats extends CohortEntity {
  seatsTaken: number;
}

/** A cohort together with the provider of its course: who may act on it. */
export interface CohortOfProvider {
  cohort: CohortEntity;
  providerId: string;
}

@Injectable()
export class CoursesRepository {
  async insertCourse(
    manager: EntityManager,
    fields: NewCourse,
    skills: SkillAtLevel[],
  ): Promise<CourseEntity> {
    const courses = manager.getRepository(CourseEntity);
    const { id } = await courses.save(courses.create(fields));
    await manager.query(
      `INSERT INTO course_skills (course_id, skill_id, level)
       SELECT $1, s.skill_id, s.level FROM unnest($2::uuid[], $3::smallint[]) AS s(skill_id, level)`,
      [id, skills.map((s) => s.skillId), skills.map((s) => s.level)],
    );
    return courses.findOneByOrFail({ id });
  }

  findCourseById(manager: EntityManager, id: string): Promise<CourseEntity | null> {
    return manager.getRepository(CourseEntity).findOneBy({ id });
  }

  /** Courses in creation order, of one provider when `providerId` is given. */
  findCoursePage(
    manager: EntityManager,
    filter: { providerId?: string; programmeId?: string },
    after: PagePosition | undefined,
    limit: number,
  ): Promise<CourseEntity[]> {
    const query = manager.getRepository(CourseEntity).createQueryBuilder('c');
    if (filter.providerId !== undefined) {
      query.andWhere('c.provider_id = :providerId', { providerId: filter.providerId });
    }
    if (filter.programmeId !== undefined) {
      query.andWhere('c.programme_id = :programmeId', { programmeId: filter.programmeId });
    }
    return keysetPage(query, 'c', after, limit).getMany();
  }

  /** Every course of a provider and/or programme (undefined: any), oldest first. */
  findCourses(
    manager: EntityManager,
    filter: { providerId?: string; programmeId?: string },
  ): Promise<CourseEntity[]> {
    const query = manager.getRepository(CourseEntity).createQueryBuilder('c');
    if (filter.providerId !== undefined) {
      query.andWhere('c.provider_id = :providerId', { providerId: filter.providerId });
    }
    if (filter.programmeId !== undefined) {
      query.andWhere('c.programme_id = :programmeId', { programmeId: filter.programmeId });
    }
    return query.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').getMany();
  }

  /** Every course teaching one of these skills, with the level and its next cohort not started. */
  async findCoursesTeaching(
    manager: EntityManager,
    skillIds: readonly string[],
  ): Promise<TeachingCourse[]> {
    if (skillIds.length === 0) return [];
    const rows: {
      skill_id: string;
      course_id: string;
      title: string;
      level: number;
      programme_id: string | null;
      cohort_id: string | null;
      starts_on: string | null;
    }[] = await manager.query(
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

  /** Taught skills per course id. */
  async findSkillsOfCourses(
    manager: EntityManager,
    courseIds: string[],
  ): Promise<Map<string, SkillAtLevel[]>> {
    const out = new Map<string, SkillAtLevel[]>(courseIds.map((id) => [id, []]));
    if (courseIds.length === 0) return out;
    const rows: { course_id: string; skill_id: string; level: number }[] = await manager.query(
      `SELECT course_id, skill_id, level FROM course_skills
        WHERE course_id = ANY($1::uuid[]) ORDER BY skill_id`,
      [courseIds],
    );
    for (const row of rows) {
      out.get(row.course_id)?.push({ skillId: row.skill_id, level: row.level });
    }
    return out;
  }

  async insertCohort(manager: EntityManager, fields: NewCohort): Promise<CohortWithSeats> {
    const cohorts = manager.getRepository(CohortEntity);
    const { id } = await cohorts.save(cohorts.create(fields));
    return { ...(await cohorts.findOneByOrFail({ id })), seatsTaken: 0 };
  }

  /** Cohorts of a course in creation order, each with the seats taken (enrolments not dropped). */
  async findCohortPage(
    manager: EntityManager,
    courseId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<CohortWithSeats[]> {
    const query = manager
      .getRepository(CohortEntity)
      .createQueryBuilder('c')
      .where('c.course_id = :courseId', { courseId });
    const cohorts = await keysetPage(query, 'c', after, limit).getMany();
    const seats = await this.countSeatsTaken(
      manager,
      cohorts.map((c) => c.id),
    );
    return cohorts.map((c) => ({ ...c, seatsTaken: seats.get(c.id) ?? 0 }));
  }

  /** Seats taken per cohort: every enrolment that was not dropped. */
  async countSeatsTaken(manager: EntityManager, cohortIds: string[]): Promise<Map<string, number>> {
    if (cohortIds.length === 0) return new Map();
    const rows: { cohort_id: string; taken: number }[] = await manager.query(
      `SELECT cohort_id, count(*)::int AS taken FROM enrolments
        WHERE cohort_id = ANY($1::uuid[]) AND status <> 'dropped' GROUP BY cohort_id`,
      [cohortIds],
    );
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
    const query = manager
      .getRepository(CohortEntity)
      .createQueryBuilder('c')
      .innerJoin(CourseEntity, 'course', 'course.id = c.course_id')
      .addSelect('course.provider_id', 'provider_id')
      .where('c.id = :cohortId', { cohortId });
    if (lock) query.setLock('pessimistic_write', undefined, ['c']);
    const { entities, raw } = await query.getRawAndEntities<{ provider_id: string }>();
    if (entities.length === 0) return null;
    return { cohort: entities[0], providerId: raw[0].provider_id };
  }
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
