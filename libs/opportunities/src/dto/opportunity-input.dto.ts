import { IsFreeText, IsNameText, NestedObject, NestedObjectArray } from '@app/http';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  ValidateIf,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  BUDGET_TYPES,
  CEFR_LEVELS,
  ENGAGEMENT_TYPES,
  LIMITS,
  LISTING_SOURCES,
  WORK_MODES,
  type BudgetType,
  type CefrLevel,
  type EngagementType,
  type ListingSource,
  type WorkMode,
} from '../opportunity-vocabulary.js';
import {
  IsCountryCode,
  EndOfDayIfDate,
  IsFutureDateTime,
  IsLanguageCode,
  IsNotBelow,
  LowerCase,
  Trim,
  UpperCase,
} from './validators.js';

export class SkillRequirementDto {
  @ApiProperty({ format: 'uuid', example: '5f0c8f7e-8d7a-4d52-9a43-1f6f1b1d9c11' })
  @IsUUID('all', { message: 'skillId must be a UUID' })
  skillId: string;

  @ApiProperty({ minimum: 1, maximum: 5, example: 3, description: 'Lowest acceptable level' })
  @IsInt()
  @Min(1)
  @Max(5)
  minLevel: number;

  @ApiProperty({ example: true, description: 'false: nice to have, ranks but does not filter' })
  @IsBoolean()
  mustHave: boolean;
}

export class LanguageRequirementDto {
  @ApiProperty({ example: 'en', description: 'ISO 639-1 code' })
  @LowerCase()
  @IsLanguageCode()
  code: string;

  @ApiProperty({ enum: CEFR_LEVELS, example: 'B2' })
  @IsIn(CEFR_LEVELS)
  minLevel: CefrLevel;
}

export class BudgetDto {
  @ApiProperty({ enum: BUDGET_TYPES, example: 'hourly' })
  @IsIn(BUDGET_TYPES)
  type: BudgetType;

  @ApiPropertyOptional({ minimum: 0, example: 10 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(LIMITS.budgetMaxEur)
  minEur?: number;

  @ApiPropertyOptional({ minimum: 0, example: 18, description: 'Not below minEur' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(LIMITS.budgetMaxEur)
  @IsNotBelow('minEur')
  maxEur?: number;
}

/** What work requests and listings share (everything except skills and listing provenance). */
export class OpportunityFieldsDto {
  @ApiProperty({ minLength: 3, maxLength: 200, example: 'Customer support agent (English)' })
  @Trim()
  @IsString()
  @Length(LIMITS.titleMin, LIMITS.titleMax)
  @IsNameText()
  title: string;

  @ApiProperty({ maxLength: 20_000, example: 'Answer customer e-mails and chats for a SaaS.' })
  @IsString()
  @MaxLength(LIMITS.descriptionMax)
  @IsFreeText()
  description: string;

  @ApiPropertyOptional({ type: [LanguageRequirementDto], default: [] })
  @IsOptional()
  @ArrayMaxSize(LIMITS.languagesMax)
  @NestedObjectArray(() => LanguageRequirementDto)
  languages?: LanguageRequirementDto[];

  @ApiProperty({ enum: ENGAGEMENT_TYPES, example: 'part_time' })
  @IsIn(ENGAGEMENT_TYPES)
  engagementType: EngagementType;

  @ApiProperty({ enum: WORK_MODES, example: 'remote' })
  @IsIn(WORK_MODES)
  workMode: WorkMode;

  @ApiPropertyOptional({ type: [String], example: ['XK', 'AL'], description: 'ISO alpha-2' })
  @IsOptional()
  @UpperCase()
  @IsArray()
  @ArrayMaxSize(LIMITS.countriesMax)
  @IsCountryCode({ each: true })
  countries?: string[];

  @ApiPropertyOptional({
    example: 'Prishtina',
    nullable: true,
    description: 'Town in the single country given; resolved to coordinates',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  @IsNameText()
  city?: string | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 500,
    nullable: true,
    example: 30,
    description: 'Needs city',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.radiusKmMax)
  radiusKm?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 80, nullable: true, example: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.hoursPerWeekMax)
  hoursPerWeek?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 260, nullable: true, example: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.durationWeeksMax)
  durationWeeks?: number | null;

  @ApiPropertyOptional({ type: BudgetDto, nullable: true })
  @IsOptional()
  @NestedObject(() => BudgetDto)
  budget?: BudgetDto | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 1, example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.openingsMax)
  openings?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-01-31T17:00:00Z',
    description:
      'An ISO 8601 date-time with a time zone, or a date alone (`2027-06-30`) meaning the end of that day, UTC (`2027-06-30T23:59:59Z`), as in the CSV import. Strictly in the future; needed to publish',
    oneOf: [
      { type: 'string', format: 'date-time' },
      { type: 'string', format: 'date' },
    ],
  })
  @IsOptional()
  @EndOfDayIfDate()
  @IsFutureDateTime()
  deadline?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    example: '9f2d4b61-7c3e-4a85-b1d0-6e8f2a4c7b39',
    description: 'Donor programme',
  })
  @IsOptional()
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId?: string | null;
}

export class WorkRequestCreateDto extends OpportunityFieldsDto {
  @ApiProperty({
    type: [SkillRequirementDto],
    maxItems: 30,
    description: 'Known skill ids, no duplicates; at least one is needed to publish',
  })
  @ArrayMaxSize(LIMITS.skillsMax)
  @NestedObjectArray(() => SkillRequirementDto)
  skills: SkillRequirementDto[];

  @ApiPropertyOptional({
    example: true,
    description:
      'Answer with suggestedSkills found in title and description, for you to confirm (PATCH); ' +
      'nothing is added by itself',
  })
  @IsOptional()
  @IsBoolean()
  skillsFromText?: boolean;
}

export class WorkRequestUpdateDto extends PartialType(
  OmitType(WorkRequestCreateDto, ['skillsFromText']),
) {}

/** Where a brokered listing comes from. */
export class ListingProvenanceDto extends OpportunityFieldsDto {
  @ApiProperty({ enum: LISTING_SOURCES, example: 'upwork' })
  @LowerCase()
  @IsIn(LISTING_SOURCES)
  source: ListingSource;

  @ApiProperty({ maxLength: 2000, example: 'https://www.upwork.com/jobs/~01abc' })
  @Trim()
  @IsString()
  @MaxLength(LIMITS.sourceUrlMax)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'sourceUrl must be an http or https URL' },
  )
  sourceUrl: string;

  @ApiPropertyOptional({ example: 'DE', nullable: true })
  @IsOptional()
  @UpperCase()
  @IsCountryCode()
  clientCountry?: string | null;
}

export const LISTING_CREATE_STATUSES = ['draft', 'open'] as const;

export class ListingCreateDto extends ListingProvenanceDto {
  @ApiProperty({ type: [SkillRequirementDto], maxItems: 30 })
  @ArrayMaxSize(LIMITS.skillsMax)
  @NestedObjectArray(() => SkillRequirementDto)
  skills: SkillRequirementDto[];

  @ApiPropertyOptional({
    enum: LISTING_CREATE_STATUSES,
    default: 'open',
    example: 'open',
    description: 'Listings are open at once unless created as a draft',
  })
  @IsOptional()
  @IsIn(LISTING_CREATE_STATUSES)
  status?: (typeof LISTING_CREATE_STATUSES)[number];

  @ApiPropertyOptional({
    example: true,
    description:
      'Answer with suggestedSkills found in title and description, for you to confirm (PATCH); ' +
      'nothing is added by itself',
  })
  @IsOptional()
  @IsBoolean()
  skillsFromText?: boolean;
}

export class ListingUpdateDto extends PartialType(
  OmitType(ListingCreateDto, ['status', 'skillsFromText']),
) {}

/** `PUT /api/work-requests/:id/programme`: the programme to attach the request to, or null. */
export class OpportunityProgrammeDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    example: '9f2d4b61-7c3e-4a85-b1d0-6e8f2a4c7b39',
    description: 'A programme your organisation is a partner of (any, for admins); null detaches',
  })
  @ValidateIf((o: { programmeId?: unknown }) => o.programmeId !== null)
  @IsUUID('all', { message: 'programmeId must be a UUID or null' })
  programmeId: string | null;
}
