import { IsFreeText, IsNameText, NestedObjectArray } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
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
import { SKILL_CATEGORIES, type SkillCategory } from '../skill-records.js';
import { SKILL_LOCALES, type SkillLocale } from '../label-locale.js';
import { LABEL_LOCALES, type LabelLocale } from '../skill-label-file.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SkillSearchQueryDto {
  @ApiPropertyOptional({
    example: 'javscript',
    description: 'Start of a skill name or alias, any script, typos tolerated',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 10, minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({
    enum: SKILL_LOCALES,
    example: 'sq',
    description:
      'Language of `label` in the answer; without it, the `Accept-Language` header decides (English by default). `name` stays the English preferred label.',
  })
  @IsOptional()
  @IsIn(SKILL_LOCALES, { message: `lang must be one of ${SKILL_LOCALES.join(', ')}` })
  lang?: SkillLocale;
}

export class SkillIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class SkillSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'JavaScript' }) name: string;
  @ApiProperty({ enum: SKILL_CATEGORIES, example: 'digital' }) category: SkillCategory;
  @ApiPropertyOptional({
    example: 'http://data.europa.eu/esco/skill/a0a0a8a4-1b47-4d4b-8cc9-ed8a0a2e7c5b',
    nullable: true,
  })
  escoUri?: string;
}

/** A search hit with its label in the asked language. */
export class LabelledSkillSummaryDto extends SkillSummaryDto {
  @ApiProperty({
    example: 'shërbim ndaj klientit',
    description: 'The skill in the asked language where it has a label there, else `name`',
  })
  label: string;
  @ApiProperty({ enum: SKILL_LOCALES, example: 'sq', description: 'The language `label` is in' })
  labelLocale: SkillLocale;
}

export class SkillLabelResponseDto {
  @ApiProperty({ enum: LABEL_LOCALES, example: 'sq' }) locale: LabelLocale;
  @ApiProperty({ example: 'shërbim ndaj klientit' }) label: string;
  @ApiProperty({ description: 'Confirmed by an admin; drafted labels are false until then' })
  reviewed: boolean;
  @ApiProperty({
    example: 'drafted by hand: sq, sr, mk; bs = sr; sr-Cyrl transliterated from sr',
    description: 'Where the label comes from (see docs/taxonomy.md)',
  })
  source: string;
}

export class SkillLabelParamDto extends SkillIdParamDto {
  @ApiProperty({ enum: LABEL_LOCALES, example: 'sq' })
  @IsIn(LABEL_LOCALES, { message: `locale must be one of ${LABEL_LOCALES.join(', ')}` })
  locale: LabelLocale;
}

export class ReviewSkillLabelDto {
  @ApiProperty({
    example: 'shërbim ndaj klientit',
    maxLength: 200,
    description: 'The label as it should read (the drafted one, or a correction)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNameText()
  label: string;
}

export class SkillAliasResponseDto {
  @ApiProperty({ example: 'JS' }) label: string;
  @ApiProperty({ example: 'en', description: 'ISO 639-1 language of the label' }) lang: string;
}

export class SkillResponseDto extends SkillSummaryDto {
  @ApiProperty({ type: [SkillAliasResponseDto] }) aliases: SkillAliasResponseDto[];
  @ApiProperty({ type: [SkillLabelResponseDto], description: 'Labels in sq, sr, sr-Cyrl, mk, bs' })
  labels: SkillLabelResponseDto[];
}

export const RESOLVE_MAX_LABELS = 500;

export class ResolveSkillsDto {
  @ApiProperty({ type: [String], example: ['nodejs', 'React.js', 'MS Excel'], maxItems: 500 })
  @IsArray()
  @ArrayMaxSize(RESOLVE_MAX_LABELS)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  labels: string[];
}

export class ResolvedSkillDto {
  @ApiProperty({ example: 'nodejs' }) label: string;
  @ApiProperty({ type: SkillSummaryDto, nullable: true }) skill: SkillSummaryDto | null;
}

export class NewSkillAliasDto {
  @ApiProperty({ example: 'Nest.js', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNameText()
  label: string;

  @ApiPropertyOptional({ example: 'en', default: 'en', description: 'ISO 639-1 code' })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'lang must be an ISO 639-1 code such as en or sr' })
  lang?: string;
}

export class CreateSkillDto {
  @ApiProperty({ example: 'NestJS', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNameText()
  name: string;

  @ApiProperty({ enum: SKILL_CATEGORIES, example: 'digital' })
  @IsIn(SKILL_CATEGORIES)
  category: SkillCategory;

  @ApiPropertyOptional({ example: 'Node.js framework for server-side applications.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsFreeText()
  description?: string;

  @ApiPropertyOptional({ example: 'http://data.europa.eu/esco/skill/…' })
  @IsOptional()
  @IsUrl({ require_tld: true, protocols: ['http', 'https'] })
  @MaxLength(300)
  escoUri?: string;

  @ApiPropertyOptional({ type: [NewSkillAliasDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @NestedObjectArray(() => NewSkillAliasDto)
  aliases?: NewSkillAliasDto[];
}
