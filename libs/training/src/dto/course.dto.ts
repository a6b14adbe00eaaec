import { IsNameText, NestedObjectArray, PageQueryDto } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  COURSE_MODES,
  COURSE_SORTS,
  type CourseMode,
  type CourseSort,
} from '../training-values.js';
import { trimString } from './field-decorators.js';

export class CourseSkillDto {
  @ApiProperty({
    format: 'uuid',
    example: '3a7e9c52-1b4d-4f8a-8c6e-2d9b7f0a1c45',
    description: 'A skill of the taxonomy',
  })
  @IsUUID('all', { message: 'skillId must be a UUID' })
  skillId: string;

  @ApiProperty({ minimum: 1, maximum: 5, example: 3, description: 'Level the course teaches' })
  @IsInt({ message: 'level must be a whole number' })
  @Min(1)
  @Max(5)
  level: number;
}

export class CreateCourseDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '9f2d4b61-7c3e-4a85-b1d0-6e8f2a4c7b39',
    description: 'The donor programme funding the course',
  })
  @IsOptional()
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId?: string;

  @ApiProperty({ example: 'Customer support in English, level B2' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNameText()
  title: string;

  @ApiProperty({
    format: 'uuid',
    example: 'c41e8a27-5f6b-4d93-a0c2-7b1e9d3f5a68',
    description: 'The training provider running the course',
  })
  @IsUUID('all', { message: 'providerId must be a UUID' })
  providerId: string;

  @ApiProperty({ type: [CourseSkillDto], description: '1–20 skills, each at most once' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @NestedObjectArray(() => CourseSkillDto)
  skills: CourseSkillDto[];

  @ApiProperty({ minimum: 1, maximum: 2000, example: 120 })
  @IsInt({ message: 'hours must be a whole number' })
  @Min(1)
  @Max(2000)
  hours: number;

  @ApiProperty({ enum: COURSE_MODES, example: 'blended' })
  @IsIn(COURSE_MODES)
  mode: CourseMode;
}

export class CourseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only courses of this programme' })
  @IsOptional()
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId?: string;

  @ApiPropertyOptional({
    enum: COURSE_SORTS,
    example: 'gapCoverage',
    description:
      'createdAt (default): oldest first. gapCoverage (trainers and admins): the courses that ' +
      'close the most open skill gaps first, each with its `gapCoverage`',
  })
  @IsOptional()
  @IsIn(COURSE_SORTS, { message: `sort must be one of ${COURSE_SORTS.join(', ')}` })
  sort?: CourseSort;
}

export class CourseSkillResponseDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'customer service' }) name: string;
  @ApiProperty({ minimum: 1, maximum: 5, example: 3 }) level: number;
}

export class CoveredSkillDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'customer service' }) name: string;
  @ApiProperty({ minimum: 1, maximum: 5, example: 3, description: 'Level the course teaches' })
  level: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'string', nullable: true },
    example: ['XK', null],
    description: 'Countries of the gaps it closes; null: work open to people anywhere',
  })
  countries: (string | null)[];
  @ApiProperty({ example: 4, description: 'Unmet must-have openings in those gaps' })
  openings: number;
}

export class GapCoverageDto {
  @ApiProperty({ example: 3, description: 'Open skill gaps (skill × country) the course closes' })
  gaps: number;
  @ApiProperty({
    example: 7,
    description:
      'Their unmet must-have openings (every must-have opening where the supply is too small ' +
      'to publish)',
  })
  openings: number;
  @ApiProperty({ type: [CoveredSkillDto] }) skills: CoveredSkillDto[];
}

export class CourseResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) programmeId: string | null;
  @ApiProperty({ example: 'Customer support in English, level B2' }) title: string;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty({ type: [CourseSkillResponseDto] }) skills: CourseSkillResponseDto[];
  @ApiProperty({ example: 120 }) hours: number;
  @ApiProperty({ enum: COURSE_MODES, example: 'blended' }) mode: CourseMode;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({
    type: GapCoverageDto,
    description: 'Only with sort=gapCoverage: the open skill gaps the course closes',
  })
  gapCoverage?: GapCoverageDto;
}

export class CoursePageDto {
  @ApiProperty({ type: [CourseResponseDto] }) items: CourseResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
