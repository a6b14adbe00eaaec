import { TransactionRunner } from '@app/database';
import {
  DEFAULT_PAGE_SIZE,
  InputValidationError,
  nextOffsetCursor,
  offsetCursorPosition,
  pageRequest,
  toPage,
  type FieldError,
  type PageQueryDto,
} from '@app/http';
import type { AuthUser } from '@app/identity';
import { TaxonomyService } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreateCohortDto } from './dto/cohort.dto.js';
import type { CourseListQueryDto, CreateCourseDto } from './dto/course.dto.js';
import { CoursesRepository } from './courses.repository.js';
import { compareCoverage, gapCoverage } from './gap-coverage.js';
import { dateOrderErrors } from './programme-rules.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { SkillGapsService } from './skill-gaps.service.js';
import { assertActsForProvider, providerScopeOf } from './training-access.js';
import { TrainingDirectory } from './training-directory.js';
import { CourseNotFoundError, GapCoverageForbiddenError } from './training.errors.js';
import type {
  CohortRecord,
  CourseRecord,
  CourseWithSkills,
  RecordPage,
} from './training-records.js';
import type { SkillAtLevel } from './training-values.js';
import { namedSkills, type SkillNames } from './training-views.js';

function withNames(
  course: CourseRecord,
  skills: readonly SkillAtLevel[],
  names: SkillNames,
): CourseWithSkills {
  return { ...course, skills: namedSkills(skills, names) };
}

@Injectable()
export class CoursesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly courses: CoursesRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly directory: TrainingDirectory,
    private readonly taxonomy: TaxonomyService,
    private readonly skillGaps: SkillGapsService,
  ) {}

  /** A trainer creates courses for their own provider; an admin for any training provider. */
  async create(user: AuthUser, dto: CreateCourseDto): Promise<CourseWithSkills> {
    const providerId = dto.providerId.toLowerCase();
    assertActsForProvider(user, providerId, { allowAdmin: true });
    const skills = dto.skills.map((s) => ({ skillId: s.skillId.toLowerCase(), level: s.level }));
    const errors = await this.skillErrors(skills.map((s) => s.skillId));
    const course = await this.transactions.run(async (manager) => {
      errors.push(...(await this.referenceErrors(manager, providerId, dto.programmeId)));
      if (errors.length > 0) throw new InputValidationError(errors);
      return this.courses.insertCourse(
        manager,
        {
          programmeId: dto.programmeId?.toLowerCase() ?? null,
          providerId,
          title: dto.title,
          hours: dto.hours,
          mode: dto.mode,
        },
        skills,
      );
    });
    return withNames(
      course,
      skills,
      await this.taxonomy.answerSkillNames(skills.map((s) => s.skillId)),
    );
  }

  /** Trainers see their own provider's courses (another's is "not found"); others see all. */
  async get(user: AuthUser, id: string): Promise<CourseWithSkills> {
    const course = await this.transactions.run((manager) =>
      this.courses.findCourseById(manager, id),
    );
    const scope = providerScopeOf(user);
    if (course === null || (scope !== undefined && course.providerId !== scope)) {
      throw new CourseNotFoundError();
    }
    return (await this.withSkills([course]))[0];
  }

  async list(user: AuthUser, query: CourseListQueryDto): Promise<RecordPage<CourseWithSkills>> {
    if (query.sort === 'gapCoverage') return this.listByGapCoverage(user, query);
    const { after, limit } = pageRequest(query);
    const rows = await this.transactions.run((manager) =>
      this.courses.findCoursePage(
        manager,
        { providerId: providerScopeOf(user), programmeId: query.programmeId?.toLowerCase() },
        after,
        limit + 1,
      ),
    );
    const page = toPage(rows, limit);
    return { items: await this.withSkills(page.rows), nextCursor: page.nextCursor };
  }

  /**
   * Trainers (their provider's courses) and admins (all): the courses that close the most open
   * skill gaps first (`SkillGapsService`, the computation of the skill-gaps report). The ranking
   * changes with every request and profile, so pages go by position (`cursor` is opaque).
   */
  private async listByGapCoverage(
    user: AuthUser,
    query: CourseListQueryDto,
  ): Promise<RecordPage<CourseWithSkills>> {
    if (user.role !== 'trainer' && user.role !== 'admin') throw new GapCoverageForbiddenError();
    const offset = offsetCursorPosition(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [courses, gaps] = await Promise.all([
      this.transactions.run((manager) =>
        this.courses.findCourses(manager, {
          providerId: providerScopeOf(user),
          programmeId: query.programmeId?.toLowerCase(),
        }),
      ),
      this.skillGaps.openGaps(),
    ]);
    const skills = await this.transactions.run((manager) =>
      this.courses.findSkillsOfCourses(
        manager,
        courses.map((c) => c.id),
      ),
    );
    const ranked = courses
      .map((course, order) => ({
        course,
        order,
        coverage: gapCoverage(skills.get(course.id) ?? [], gaps),
      }))
      .sort((a, b) => compareCoverage(a.coverage, b.coverage) || a.order - b.order);
    const page = ranked.slice(offset, offset + limit);
    const names = await this.taxonomy.answerSkillNames(
      page.flatMap((r) => (skills.get(r.course.id) ?? []).map((s) => s.skillId)),
    );
    return {
      items: page.map((r) => ({
        ...withNames(r.course, skills.get(r.course.id) ?? [], names),
        gapCoverage: {
          gaps: r.coverage.gaps,
          openings: r.coverage.openings,
          skills: r.coverage.skills.map((s) => ({ ...s, name: names.get(s.skillId) ?? '' })),
        },
      })),
      nextCursor: nextOffsetCursor(offset, limit, ranked.length, Number.MAX_SAFE_INTEGER),
    };
  }

  async createCohort(
    user: AuthUser,
    courseId: string,
    dto: CreateCohortDto,
  ): Promise<CohortRecord> {
    const errors = dateOrderErrors(dto.startsOn, dto.endsOn);
    if (errors.length > 0) throw new InputValidationError(errors);
    return this.transactions.run(async (manager) => {
      await this.requireCourseOfProvider(manager, user, courseId, { allowAdmin: false });
      return this.courses.insertCohort(manager, {
        courseId,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        location: dto.location ?? null,
        capacity: dto.capacity,
      });
    });
  }

  async listCohorts(
    user: AuthUser,
    courseId: string,
    query: PageQueryDto,
  ): Promise<RecordPage<CohortRecord>> {
    const { after, limit } = pageRequest(query);
    return this.transactions.run(async (manager) => {
      await this.requireCourseOfProvider(manager, user, courseId, { allowAdmin: true });
      const page = toPage(
        await this.courses.findCohortPage(manager, courseId, after, limit + 1),
        limit,
      );
      return { items: page.rows, nextCursor: page.nextCursor };
    });
  }

  /** 404 for an unknown course, 403 when the caller does not act for its provider. */
  private async requireCourseOfProvider(
    manager: EntityManager,
    user: AuthUser,
    courseId: string,
    options: { allowAdmin: boolean },
  ): Promise<CourseRecord> {
    const course = await this.courses.findCourseById(manager, courseId);
    if (course === null) throw new CourseNotFoundError();
    assertActsForProvider(user, course.providerId, options);
    return course;
  }

  private async withSkills(courses: CourseRecord[]): Promise<CourseWithSkills[]> {
    const skills = await this.transactions.run((manager) =>
      this.courses.findSkillsOfCourses(
        manager,
        courses.map((c) => c.id),
      ),
    );
    const names = await this.taxonomy.answerSkillNames(
      [...skills.values()].flat().map((s) => s.skillId),
    );
    return courses.map((c) => withNames(c, skills.get(c.id) ?? [], names));
  }

  /** Each skill once, and known to the taxonomy; errors name `skills[i].skillId`. */
  private async skillErrors(skillIds: string[]): Promise<FieldError[]> {
    const known = new Set(await this.taxonomy.findExistingIds(skillIds));
    const seen = new Set<string>();
    const errors: FieldError[] = [];
    skillIds.forEach((id, i) => {
      const field = `skills[${i}].skillId`;
      if (!known.has(id)) errors.push({ field, message: 'no skill has this id' });
      else if (seen.has(id)) errors.push({ field, message: 'this skill is listed twice' });
      seen.add(id);
    });
    return errors;
  }

  private async referenceErrors(
    manager: EntityManager,
    providerId: string,
    programmeId: string | undefined,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const [provider] = await this.directory.findOrganisations(manager, [providerId]);
    if (provider?.type !== 'training_provider') {
      errors.push({ field: 'providerId', message: 'must be a training provider organisation' });
    }
    if (
      programmeId !== undefined &&
      (await this.programmes.findById(manager, programmeId.toLowerCase())) === null
    ) {
      errors.push({ field: 'programmeId', message: 'no programme has this id' });
    }
    return errors;
  }
}
