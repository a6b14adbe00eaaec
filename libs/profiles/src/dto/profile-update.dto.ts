import { IsFreeText, IsNameText, NestedObjectArray } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { COUNTRY_CODES, LANGUAGE_CODES } from '../iso-codes.js';
import {
  CEFR_LEVELS,
  ENGAGEMENT_TYPES,
  MAX_LANGUAGES,
  MAX_PORTFOLIO_ITEMS,
  MAX_SKILLS,
  SKILL_LEVEL_MAX,
  SKILL_LEVEL_MIN,
  VISIBILITIES,
  WORK_MODES,
  type CefrLevel,
  type EngagementType,
  type Visibility,
  type WorkMode,
} from '../profile-values.js';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
const lower = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class ProfileSkillInputDto {
  @ApiProperty({ format: 'uuid', example: '0b6f3c52-6a53-4bd4-9a4c-1f1a8f0b5a11' })
  @IsUUID('all', { message: 'must be a skill id (UUID)' })
  skillId: string;

  @ApiProperty({ minimum: SKILL_LEVEL_MIN, maximum: SKILL_LEVEL_MAX, example: 3 })
  @IsInt()
  @Min(SKILL_LEVEL_MIN)
  @Max(SKILL_LEVEL_MAX)
  level: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 50, example: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  years?: number;
}

export class ProfileLanguageInputDto {
  @ApiProperty({ description: 'ISO 639-1 language code', example: 'en' })
  @Transform(lower)
  @IsIn([...LANGUAGE_CODES], { message: 'must be an ISO 639-1 language code such as en' })
  code: string;

  @ApiProperty({ enum: CEFR_LEVELS, example: 'B2' })
  @Transform(upper)
  @IsIn(CEFR_LEVELS, { message: `must be a CEFR level: ${CEFR_LEVELS.join(', ')}` })
  level: CefrLevel;
}

export class PortfolioItemDto {
  @ApiProperty({ example: 'Shop front for a bakery in Tirana', maxLength: 120 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @IsNameText()
  title: string;

  @ApiProperty({ example: 'https://github.com/example/bakery', maxLength: 2048 })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_valid_protocol: true },
    { message: 'must be an http or https URL' },
  )
  @MaxLength(2048)
  url: string;
}

/** The whole profile: `PUT /api/profiles/me` replaces every field (omitted ones are cleared). */
export class ProfileUpdateDto {
  @ApiPropertyOptional({ maxLength: 160, example: 'Customer support agent, English and German' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(160)
  @IsNameText()
  headline?: string;

  @ApiPropertyOptional({
    maxLength: 5000,
    example: 'Two years of remote customer support for an e-commerce shop, in English and German.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @IsFreeText()
  bio?: string;

  @ApiPropertyOptional({
    description: 'ISO 3166-1 alpha-2 (AL, BA, XK, ME, MK, RS, or any other country)',
    example: 'RS',
  })
  @IsOptional()
  @Transform(upper)
  @IsIn([...COUNTRY_CODES], { message: 'must be an ISO 3166-1 alpha-2 country code such as RS' })
  country?: string;

  @ApiPropertyOptional({
    description: 'A town of `country` known to the catalogue (GET /api/geo/cities)',
    example: 'Novi Sad',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @IsNameText()
  city?: string;

  @ApiPropertyOptional({ type: [ProfileSkillInputDto], maxItems: MAX_SKILLS })
  @IsOptional()
  @ArrayMaxSize(MAX_SKILLS)
  @NestedObjectArray(() => ProfileSkillInputDto)
  skills?: ProfileSkillInputDto[];

  @ApiPropertyOptional({ type: [ProfileLanguageInputDto], maxItems: MAX_LANGUAGES })
  @IsOptional()
  @ArrayMaxSize(MAX_LANGUAGES)
  @NestedObjectArray(() => ProfileLanguageInputDto)
  languages?: ProfileLanguageInputDto[];

  @ApiPropertyOptional({ enum: WORK_MODES, isArray: true, example: ['remote'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WORK_MODES.length)
  @IsIn(WORK_MODES, { each: true, message: `each value must be one of ${WORK_MODES.join(', ')}` })
  workModes?: WorkMode[];

  @ApiPropertyOptional({ enum: ENGAGEMENT_TYPES, isArray: true, example: ['freelance'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ENGAGEMENT_TYPES.length)
  @IsIn(ENGAGEMENT_TYPES, {
    each: true,
    message: `each value must be one of ${ENGAGEMENT_TYPES.join(', ')}`,
  })
  engagementTypes?: EngagementType[];

  @ApiPropertyOptional({ minimum: 1, maximum: 80, example: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(80)
  hoursPerWeek?: number;

  @ApiPropertyOptional({ format: 'date', example: '2026-01-15' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a valid calendar date' })
  // PostgreSQL has no year 0: 0000-01-01 passed IsISO8601 and failed in the database.
  @Matches(/^(19|[2-9]\d)\d\d-/, { message: 'must be a date from 1900 on' })
  availableFrom?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, example: 12.5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  hourlyRateEur?: number;

  @ApiPropertyOptional({ type: [PortfolioItemDto], maxItems: MAX_PORTFOLIO_ITEMS })
  @IsOptional()
  @ArrayMaxSize(MAX_PORTFOLIO_ITEMS)
  @NestedObjectArray(() => PortfolioItemDto)
  portfolio?: PortfolioItemDto[];

  @ApiPropertyOptional({ default: true, example: true })
  @IsOptional()
  @IsBoolean()
  openToWork?: boolean;

  @ApiPropertyOptional({ enum: VISIBILITIES, default: 'brokers', example: 'companies' })
  @IsOptional()
  @IsIn(VISIBILITIES, { message: `must be one of ${VISIBILITIES.join(', ')}` })
  visibility?: Visibility;
}
