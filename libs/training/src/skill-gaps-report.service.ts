import { TransactionRunner } from '@app/database';
import { InputValidationError } from '@app/http';
import type { AuthUser } from '@app/identity';
import {
  assertMayReadReports,
  ReportProgrammeNotFoundError,
  ReportWindowError,
  writeCsv,
  type SkillGapCourseDto,
  type SkillGapsQueryDto,
  type SkillGapsReportDto,
} from '@app/reporting';
import { TaxonomyService } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import { CoursesRepository, type TeachingCourse } from './courses.repository.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { SkillGapsService } from './skill-gaps.service.js';

/**
 * The skill-gaps report of a programme (docs/reporting.md, "Skill gaps"). Its route lives in
 * training, which can read courses and compose the gaps; reporting provides the rules.
 */
@Injectable()
export class SkillGapsReportService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly programmes: ProgrammesRepository,
    private readonly courses: CoursesRepository,
    private readonly gaps: SkillGapsService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async report(user: AuthUser, query: SkillGapsQueryDto): Promise<SkillGapsReportDto> {
    const id = query.programmeId.toLowerCase();
    const [programme, partners] = await this.transactions.run(
      async (manager) =>
        [
          await this.programmes.findById(manager, id),
          await this.programmes.findPartnerIds(manager, [id]),
        ] as const,
    );
    if (programme === null) throw new ReportProgrammeNotFoundError();
    assertMayReadReports(user, { partners: partners.get(id) ?? [] });
    const from = query.from ?? programme.startsOn;
    const to = query.to ?? programme.endsOn;
    if (to < from) {
      throw query.to === undefined
        ? new InputValidationError([
            { field: 'from', message: 'from must be on or before the programme end' },
          ])
        : new ReportWindowError();
    }
    const countries = query.countries === undefined ? null : new Set(query.countries);
    const rows = (await this.gaps.demandAndSupply({ programmeId: programme.id, from, to })).filter(
      (g) => countries === null || (g.country !== null && countries.has(g.country)),
    );
    const skillIds = [...new Set(rows.map((r) => r.skillId))];
    const [names, courses] = await Promise.all([
      this.taxonomy.answerSkillNames(skillIds),
      this.transactions.run((manager) => this.courses.findCoursesTeaching(manager, skillIds)),
    ]);
    const teaching = coursesBySkill(courses, programme.id);
    return {
      programmeId: programme.id,
      from,
      to,
      threshold: this.gaps.threshold,
      items: rows.map((g) => ({
        skillId: g.skillId,
        name: names.get(g.skillId) ?? '',
        country: g.country,
        demand: g.demand,
        supply: g.supply,
        unmet: g.unmet,
        courses: (teaching.get(g.skillId) ?? [])
          .filter((c) => c.level >= g.supply.level)
          .map(({ skillId: _skill, ...course }) => course),
      })),
    };
  }

  /**
   * One row per skill and country (`anywhere` for work open to people anywhere); suppressed
   * figures empty; courses as `title (level)` joined by `; `.
   */
  toCsv(report: SkillGapsReportDto): string {
    return writeCsv(
      [
        'skillId',
        'name',
        'country',
        'requests',
        'openings',
        'mustHaveRequests',
        'mustHaveOpenings',
        'niceToHaveRequests',
        'niceToHaveOpenings',
        'supplyLevel',
        'people',
        'verified',
        'unmet',
        'courses',
      ],
      report.items.map((r) => [
        r.skillId,
        r.name,
        r.country ?? 'anywhere',
        r.demand.requests,
        r.demand.openings,
        r.demand.mustHave.requests,
        r.demand.mustHave.openings,
        r.demand.niceToHave.requests,
        r.demand.niceToHave.openings,
        r.supply.level,
        r.supply.people,
        r.supply.verified,
        r.unmet,
        r.courses.map((c) => `${c.title} (${c.level})`).join('; '),
      ]),
    );
  }
}

/** Courses per skill, the programme's own first, then by title. */
function coursesBySkill(
  courses: readonly TeachingCourse[],
  programmeId: string,
): Map<string, (TeachingCourse & SkillGapCourseDto)[]> {
  const out = new Map<string, TeachingCourse[]>();
  const ordered = [...courses].sort(
    (a, b) =>
      Number(b.programmeId === programmeId) - Number(a.programmeId === programmeId) ||
      a.title.localeCompare(b.title) ||
      a.courseId.localeCompare(b.courseId),
  );
  for (const c of ordered) out.set(c.skillId, [...(out.get(c.skillId) ?? []), c]);
  return out;
}
