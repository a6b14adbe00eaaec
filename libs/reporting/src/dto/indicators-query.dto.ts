import { COUNTRY_CODES } from '@app/profiles';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
} from 'class-validator';
import { REPORT_DIMENSIONS, type ReportDimension } from '../report-values.js';
import { commaSeparated, DATE } from './query-transforms.js';

export class IndicatorsQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The programme reported on' })
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId: string;

  @ApiPropertyOptional({
    type: String,
    example: 'XK,AL',
    description:
      "One of the programme's countries (ISO 3166-1 alpha-2): only people whose profile is " +
      'there; none: the whole programme',
  })
  @IsOptional()
  @Transform(commaSeparated((v) => v.toUpperCase()))
  @IsArray()
  @ArrayMaxSize(60)
  @IsIn([...COUNTRY_CODES], {
    each: true,
    message: 'each of countries must be an ISO 3166-1 alpha-2 code such as XK',
  })
  countries?: string[];

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-01-01',
    description:
      'First day counted (UTC, inclusive); with to, the whole programme period or one whole ' +
      'calendar year, half-year, quarter or month of it; default: the programme start',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date like 2026-01-01' })
  @IsISO8601({ strict: true }, { message: 'from must be a calendar date like 2026-01-01' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description:
      'Last day counted (UTC, inclusive), on or after from, ending the period that from starts; ' +
      'default: the programme end',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date like 2026-12-31' })
  @IsISO8601({ strict: true }, { message: 'to must be a calendar date like 2026-12-31' })
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
