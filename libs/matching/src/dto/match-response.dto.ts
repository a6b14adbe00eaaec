import { PublicProfileResponseDto } from '@app/profiles';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NEAR_MISS_GAP_KINDS } from '../near-miss.js';

export class MatchedSkillDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'JavaScript', nullable: true, type: String }) name: string | null;
  @ApiProperty({ example: 3, description: 'Minimum level asked for' }) required: number;
  @ApiProperty({ example: true }) mustHave: boolean;
  @ApiProperty({ example: 4, nullable: true, type: Number, description: 'Level held' })
  has: number | null;
  @ApiProperty({ example: true, description: 'Backed by a certificate' }) verified: boolean;
}

export class LanguageFitDto {
  @ApiProperty({ example: 'en' }) code: string;
  @ApiProperty({ example: 'B2' }) required: string;
  @ApiProperty({ example: 'C1', nullable: true, type: String }) has: string | null;
}

export class PriorityBoostDto {
  @ApiProperty() applied: boolean;
  @ApiPropertyOptional({ example: 'women', description: 'Which programme priority applied' })
  category?: string;
  @ApiProperty({ example: 0.1, description: 'What the priority added to the score' })
  contribution: number;
}

export class ComponentDetailDto {
  @ApiProperty({ example: 0.4, description: 'Share of the score this component may give' })
  weight: number;
  @ApiProperty({ example: 0.85, description: 'How well the candidate does on it, 0–1' })
  value: number;
  @ApiProperty({ example: 'available now' }) note: string;
}

export class MatchExplanationDto {
  @ApiProperty({ type: [MatchedSkillDto] }) matchedSkills: MatchedSkillDto[];
  @ApiProperty({ type: [MatchedSkillDto] }) missingSkills: MatchedSkillDto[];
  @ApiProperty({ type: [LanguageFitDto] }) languages: LanguageFitDto[];
  @ApiProperty({ example: 'available now' }) availability: string;
  @ApiProperty({ example: '€15/h within budget (max €20/h)' }) rate: string;
  @ApiProperty({ example: '12 km away' }) location: string;
  @ApiPropertyOptional({
    type: PriorityBoostDto,
    description:
      "Only where the programme's priorities weighed the score: for admins and brokers of the programme's partner organisations (and the trainee's own recommendations). Companies and other brokers get a ranking computed without priorities and no priority field (docs/matching.md)",
  })
  priorityBoost?: PriorityBoostDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { skills: 0.34, verified: 0.05, languages: 0.08, availability: 0.08 },
    description: 'weight × value per component; they add up to `score`',
  })
  components: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ComponentDetailDto' },
    description: 'The weight, value and a short reason behind each component',
  })
  componentDetails: Record<string, ComponentDetailDto>;
}

export class CourseOfferDto {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ example: 'JavaScript for web shops' }) title: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ example: '2026-03-02', format: 'date' }) startsOn: string;
  @ApiProperty({ example: '2026-05-29', format: 'date' }) endsOn: string;
  @ApiProperty({
    example: true,
    description: "The cohort starts on or before the opportunity's deadline (no deadline: true)",
  })
  startsBeforeDeadline: boolean;
}

export class NearMissGapDto {
  @ApiProperty({ enum: NEAR_MISS_GAP_KINDS, example: 'skill_level' }) kind: string;
  @ApiProperty({
    example: 'JavaScript at level 2; level 3 is asked for (must-have)',
    description: 'The gap in plain words a broker can repeat to the person',
  })
  detail: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'skill_missing, skill_level' })
  skillId?: string;
  @ApiPropertyOptional({
    example: 'JavaScript',
    nullable: true,
    type: String,
    description: 'Name of `skillId`',
  })
  name?: string | null;
  @ApiPropertyOptional({ example: 'de', description: 'language: the language asked for' })
  code?: string;
  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    example: 3,
    description:
      'What the opportunity asks: skill level (skill_*), CEFR level (language), radius in km (distance), deadline date (availability), work mode or engagement type',
  })
  required?: number | string;
  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    example: 2,
    description:
      'What the person has: skill level (skill_level), CEFR level (language), distance in km (distance), first day available (availability); absent for the other kinds',
  })
  has?: number | string;
  @ApiPropertyOptional({
    type: [CourseOfferDto],
    description:
      'skill_missing, skill_level: open cohorts of courses teaching the skill at (at least) the level asked, those starting before the deadline first, then by start date',
  })
  courses?: CourseOfferDto[];
}

export class CandidateMatchDto {
  @ApiProperty({ type: PublicProfileResponseDto }) profile: PublicProfileResponseDto;
  @ApiProperty({ example: 0.82, minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: MatchExplanationDto }) explanation: MatchExplanationDto;
  @ApiPropertyOptional({
    enum: [true],
    example: true,
    description:
      'Only with `nearMisses=true`, only on near misses (listed after every eligible candidate): this person fails exactly one hard constraint, named in `gaps`. Eligible candidates carry neither field',
  })
  nearMiss?: true;
  @ApiPropertyOptional({
    type: [NearMissGapDto],
    description: 'Near misses only: the one constraint failed',
  })
  gaps?: NearMissGapDto[];
}

export class RecommendedOpportunityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['work_request', 'listing'] }) kind: string;
  @ApiProperty({ example: 'Customer support agent (German)' }) title: string;
  @ApiProperty({ example: 'part_time' }) engagementType: string;
  @ApiProperty({ example: 'remote' }) workMode: string;
  @ApiProperty({ type: [String], example: ['RS'] }) countries: string[];
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: Number }) hoursPerWeek: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'hourly' }) budgetType: string | null;
  @ApiProperty({ nullable: true, type: Number }) budgetMinEur: number | null;
  @ApiProperty({ nullable: true, type: Number }) budgetMaxEur: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deadline: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Platform of a listing' })
  source: string | null;
}

export class RecommendationDto {
  @ApiProperty({ type: RecommendedOpportunityDto }) opportunity: RecommendedOpportunityDto;
  @ApiProperty({ example: 0.74, minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: MatchExplanationDto }) explanation: MatchExplanationDto;
  @ApiPropertyOptional({
    enum: [true],
    example: true,
    description:
      'Only with `nearMisses=true`, only on opportunities one step away (listed after every eligible one): you fail exactly one of its hard constraints, named in `gaps` with the courses that close a skill gap',
  })
  nearMiss?: true;
  @ApiPropertyOptional({
    type: [NearMissGapDto],
    description: 'One step away only: the one constraint you do not meet',
  })
  gaps?: NearMissGapDto[];
}

/**
 * How one person fits one opportunity, scored exactly as candidates and recommendations are:
 * the score and its explanation, and whether the hard constraints hold (with the reasons when
 * they do not). An ineligible person still gets a score, for ordering only.
 */
export class FitDto {
  @ApiProperty({ example: 0.74, minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: MatchExplanationDto }) explanation: MatchExplanationDto;
  @ApiProperty({ example: true }) eligible: boolean;
  @ApiProperty({
    type: [String],
    example: [],
    description: 'The hard constraints not met (empty when eligible), e.g. "language de"',
  })
  ineligibilityReasons: string[];
}
