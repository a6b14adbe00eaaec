import { ApiProperty } from '@nestjs/swagger';

export class SkillDemandSplitDto {
  @ApiProperty({ example: 3, description: 'Work requests and listings asking for the skill' })
  requests: number;

  @ApiProperty({ example: 5, description: 'Their openings (people they want)' })
  openings: number;
}

export class SkillDemandAtLevelDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 3, description: 'The minimum level asked' })
  minLevel: number;

  @ApiProperty({ type: SkillDemandSplitDto }) mustHave: SkillDemandSplitDto;

  @ApiProperty({ type: SkillDemandSplitDto }) niceToHave: SkillDemandSplitDto;
}

export class SkillDemandDto extends SkillDemandSplitDto {
  @ApiProperty({ type: SkillDemandSplitDto, description: 'Asked as a must-have' })
  mustHave: SkillDemandSplitDto;

  @ApiProperty({ type: SkillDemandSplitDto, description: 'Asked as a nice-to-have' })
  niceToHave: SkillDemandSplitDto;

  @ApiProperty({ type: [SkillDemandAtLevelDto], description: 'By minimum level, lowest first' })
  byLevel: SkillDemandAtLevelDto[];
}

export class SkillSupplyDto {
  @ApiProperty({
    minimum: 1,
    maximum: 5,
    example: 2,
    description:
      'The level supply is counted at: the lowest minimum level the programme asks as a ' +
      'must-have in this country (the lowest nice-to-have level when never a must-have)',
  })
  level: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description:
      'People open to work in the country holding the skill at `level` or above; null when ' +
      'below the threshold',
  })
  people: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 7,
    description:
      'Of them, people whose level is certified (verified); null when it or the unverified ' +
      'rest is below the threshold',
  })
  verified: number | null;
}

export class SkillGapCohortDto {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'date', example: '2027-02-01' }) startsOn: string;
}

export class SkillGapCourseDto {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ example: 'Customer support in English, level B2' }) title: string;
  @ApiProperty({ minimum: 1, maximum: 5, example: 3, description: 'The level the course teaches' })
  level: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) programmeId: string | null;
  @ApiProperty({
    type: SkillGapCohortDto,
    nullable: true,
    description: 'The next cohort that has not started yet',
  })
  nextCohort: SkillGapCohortDto | null;
}

export class SkillGapRowDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'customer service' }) name: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'XK',
    description: 'Where the work is; null for work open to people anywhere (remote, no country)',
  })
  country: string | null;
  @ApiProperty({ type: SkillDemandDto }) demand: SkillDemandDto;
  @ApiProperty({ type: SkillSupplyDto }) supply: SkillSupplyDto;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description:
      'Must-have openings beyond the people who hold the skill (max(0, openings − people)); ' +
      'null when the supply is suppressed, 0 when nobody asks it as a must-have',
  })
  unmet: number | null;
  @ApiProperty({
    type: [SkillGapCourseDto],
    description: 'Courses teaching the skill at `supply.level` or above, this programme first',
  })
  courses: SkillGapCourseDto[];
}

export class SkillGapsReportDto {
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) to: string;
  @ApiProperty({ example: 5, description: 'Smallest number of people a published count holds' })
  threshold: number;
  @ApiProperty({
    type: [SkillGapRowDto],
    description:
      'One row per skill and country, most unmet first (a suppressed supply ranks by its ' +
      'must-have openings)',
  })
  items: SkillGapRowDto[];
}
