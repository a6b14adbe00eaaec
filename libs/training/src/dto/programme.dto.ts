import type { ProgrammePriority } from '../programme-priority.js';
import { IsNameText, NestedObjectArray } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsCalendarDate, trimString } from './field-decorators.js';

export const PRIORITY_KINDS = ['sex', 'age', 'group'] as const;
export const PRIORITY_SEXES = ['female', 'male', 'other'] as const;

/**
 * One inclusion priority: `{ kind: 'sex', value }`, `{ kind: 'age', min, max }` or
 * `{ kind: 'group', value }`. Which members belong to which kind is checked by the service.
 */
export class ProgrammePriorityDto {
  @ApiProperty({ enum: PRIORITY_KINDS, example: 'sex' })
  @IsIn(PRIORITY_KINDS)
  kind: (typeof PRIORITY_KINDS)[number];

  @ApiPropertyOptional({
    example: 'female',
    description: 'sex: female | male | other; group: a self-declared group category',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  @IsNameText()
  value?: string;

  @ApiPropertyOptional({ example: 15, description: 'age: youngest age targeted' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  min?: number;

  @ApiPropertyOptional({ example: 29, description: 'age: oldest age targeted' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  max?: number;
}

export class CreateProgrammeDto {
  @ApiProperty({ example: 'Digital Skills for Western Balkans Youth' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNameText()
  name: string;

  @ApiProperty({ example: 'WB-DIGI-2026', description: 'Unique, letters, digits, - and _' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, {
    message: 'code must be 2–40 letters, digits, "-" or "_", starting with a letter or digit',
  })
  code: string;

  @ApiPropertyOptional({ example: 'European Union' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNameText()
  donor?: string;

  @ApiProperty({ example: ['AL', 'RS', 'XK'], description: 'ISO 3166-1 alpha-2 codes' })
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)) : value,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each of countries must be an alpha-2 code' })
  countries: string[];

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ format: 'date', example: '2027-12-31', description: 'On or after startsOn' })
  @IsCalendarDate()
  endsOn: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['0b6f7c1e-5d2a-4a39-9a51-2f1f0d3c8e11'],
    description: 'Membership organisations that broker and report for the programme',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each of partners must be a UUID' })
  partners?: string[];

  @ApiPropertyOptional({
    type: [ProgrammePriorityDto],
    example: [
      { kind: 'sex', value: 'female' },
      { kind: 'age', min: 15, max: 29 },
    ],
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @NestedObjectArray(() => ProgrammePriorityDto)
  priorities?: ProgrammePriorityDto[];
}

export class ProgrammeResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Digital Skills for Western Balkans Youth' }) name: string;
  @ApiProperty({ example: 'WB-DIGI-2026' }) code: string;
  @ApiProperty({ example: 'European Union', nullable: true }) donor: string | null;
  @ApiProperty({ example: ['AL', 'RS', 'XK'] }) countries: string[];
  @ApiProperty({ format: 'date', example: '2026-01-01' }) startsOn: string;
  @ApiProperty({ format: 'date', example: '2027-12-31' }) endsOn: string;
  @ApiProperty({ type: [String], format: 'uuid' }) partners: string[];
  @ApiProperty({ type: [ProgrammePriorityDto] }) priorities: ProgrammePriority[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ProgrammePageDto {
  @ApiProperty({ type: [ProgrammeResponseDto] }) items: ProgrammeResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
