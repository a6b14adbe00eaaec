import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { REPORT_DIMENSIONS, type ReportDimension } from '../report-values.js';
import {
  ReportCountries,
  ReportDate,
  ReportProgramme,
  commaSeparated,
} from './query-transforms.js';

export class IndicatorsQueryDto {
  @ReportProgramme('The programme reported on')
  programmeId: string;

  @ReportCountries(
    "One of the programme's countries (ISO 3166-1 alpha-2): only people whose profile is " +
      'there; none: the whole programme',
  )
  countries?: string[];

  @ReportDate(
    'from',
    '2026-01-01',
    'First day counted (UTC, inclusive); with to, the whole programme period or one whole ' +
      'calendar year, half-year, quarter or month of it; default: the programme start',
  )
  from?: string;

  @ReportDate(
    'to',
    '2026-12-31',
    'Last day counted (UTC, inclusive), on or after from, ending the period that from starts; ' +
      'default: the programme end',
  )
  to?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'sex,ageBand',
    description: `Comma-separated dimensions, each at most once: ${REPORT_DIMENSIONS.join(', ')}`,
  })
  @IsOptional()
  @Transform(commaSeparated())
  @IsArray()
  @ArrayUnique({ message: 'groupBy must not repeat a dimension' })
  @IsIn(REPORT_DIMENSIONS, {
    each: true,
    message: `each of groupBy must be one of ${REPORT_DIMENSIONS.join(', ')}`,
  })
  groupBy?: ReportDimension[];
}
