import { COUNTRY_CODES } from '@app/profiles';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
} from 'class-validator';
import { commaSeparated, DATE } from './query-transforms.js';

export class SkillGapsQueryDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The programme whose work requests and listings count',
  })
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId: string;

  @ApiPropertyOptional({
    type: String,
    example: 'XK,AL',
    description:
      'Only the rows of these countries (ISO 3166-1 alpha-2); none: every country, and the ' +
      'rows of work open to people anywhere (`country: null`)',
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
      'First day (UTC) of the window: closed and filled requests count when they were open on ' +
      'a day of it; open ones always count. Default: the programme start',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date like 2026-01-01' })
  @IsISO8601({ strict: true }, { message: 'from must be a calendar date like 2026-01-01' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description:
      'Last day (UTC, inclusive) of the window, on or after from. Default: the programme end',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date like 2026-12-31' })
  @IsISO8601({ strict: true }, { message: 'to must be a calendar date like 2026-12-31' })
  to?: string;
}
