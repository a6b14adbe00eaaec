import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGE_BANDS,
  REPORT_DIMENSIONS,
  YOUTH_VALUES,
  type ReportDimension,
} from '../report-values.js';

const SUPPRESSED =
  'null when suppressed (fewer people than the threshold, or to protect such a cell)';

export class IndicatorGroupDto {
  @ApiPropertyOptional({ example: 'female', description: 'female, male, other or undisclosed' })
  sex?: string;

  @ApiPropertyOptional({ enum: AGE_BANDS, example: '15-24', description: 'Age at the event' })
  ageBand?: string;

  @ApiPropertyOptional({
    enum: YOUTH_VALUES,
    example: 'youth',
    description: 'youth: 15–29 at the event (each person once), not-youth, or undisclosed',
  })
  youth?: string;

  @ApiPropertyOptional({ example: 'XK', description: 'Profile country, or undisclosed' })
  country?: string;

  @ApiPropertyOptional({
    example: 'roma',
    description: 'A declared group, none, or undisclosed; a person in several groups is in each',
  })
  group?: string;
}

/** The indicators of one cell, each suppressed on its own. */
export class IndicatorCountersDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 40,
    description: `People registered in the window. ${SUPPRESSED}`,
  })
  registered: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 31,
    description: 'People who completed a course',
  })
  trained: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 28,
    description: 'People issued a certificate still valid',
  })
  certified: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 22,
    description: 'People shortlisted for an opportunity',
  })
  matched: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 12, description: 'People hired' })
  hired: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 7,
    description: 'People hired for freelance work (self-employment)',
  })
  hiredSelfEmployed: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 6,
    description: 'People hired as employees (part-time, full-time, internship)',
  })
  hiredEmployed: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 9,
    description: 'People who completed an engagement',
  })
  completed: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 10450.5,
    description: 'EUR earned over completed engagements',
  })
  incomeEurSum: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 980,
    description: 'Median EUR per completed engagement',
  })
  incomeEurMedian: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1320,
    description: 'Hours worked in completed engagements',
  })
  hoursWorked: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.42,
    description: 'Share (0..1) of the trained people hired after their training',
  })
  withPaidWork: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 14,
    description: 'People who answered a follow-up survey',
  })
  surveyed: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 8,
    description: 'People employed, self-employed or freelancing at the first follow-up (3 months)',
  })
  employed3m: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 9,
    description: 'Likewise at the second follow-up (6 months)',
  })
  employed6m: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 7,
    description: 'Likewise at the third follow-up (12 months)',
  })
  employed12m: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 620,
    description: 'Median monthly EUR of the people with paid work at the second follow-up',
  })
  incomeMedian6m: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.64,
    description: 'Share (0..1) of the people sent a second follow-up who answered it',
  })
  responseRate6m: number | null;
}

export class IndicatorRowDto extends IndicatorCountersDto {
  @ApiProperty({ type: IndicatorGroupDto })
  group: IndicatorGroupDto;
}

export class IndicatorsReportDto {
  @ApiProperty({ format: 'uuid' })
  programmeId: string;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  from: string;

  @ApiProperty({ format: 'date', example: '2026-12-31' })
  to: string;

  @ApiProperty({ enum: REPORT_DIMENSIONS, isArray: true, example: ['sex', 'ageBand'] })
  groupBy: ReportDimension[];

  @ApiProperty({ example: 5, description: 'Smallest number of people a published cell counts' })
  threshold: number;

  @ApiProperty({
    type: [IndicatorRowDto],
    description: 'Rows whose every counter is suppressed are left out',
  })
  rows: IndicatorRowDto[];

  @ApiProperty({ type: IndicatorCountersDto, description: 'Distinct people over all rows' })
  totals: IndicatorCountersDto;
}
