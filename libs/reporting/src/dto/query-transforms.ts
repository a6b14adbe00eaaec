import { COUNTRY_CODES } from '@app/profiles';
import { applyDecorators } from '@nestjs/common';
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

/** `a,b , c` → `['a', 'b', 'c']`; anything but a string is left for the validators to refuse. */
export const commaSeparated =
  (normalise: (v: string) => string = (v) => v) =>
  ({ value }: { value: unknown }): unknown =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => normalise(v.trim()))
          .filter((v) => v !== '')
      : value;

/** A calendar date as the reports take it. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `countries=XK,AL`: country codes (ISO 3166-1 alpha-2), case-insensitive, comma-separated. */
export function ReportCountries(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, example: 'XK,AL', description }),
    IsOptional(),
    Transform(commaSeparated((v) => v.toUpperCase())),
    IsArray(),
    ArrayMaxSize(60),
    IsIn([...COUNTRY_CODES], {
      each: true,
      message: 'each of countries must be an ISO 3166-1 alpha-2 code such as XK',
    }),
  );
}

/** `from` / `to`: a calendar date (UTC), optional. */
export function ReportDate(
  field: 'from' | 'to',
  example: string,
  description: string,
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ format: 'date', example, description }),
    IsOptional(),
    Matches(DATE, { message: `${field} must be a date like ${example}` }),
    IsISO8601({ strict: true }, { message: `${field} must be a calendar date like ${example}` }),
  );
}

/** `programmeId`: the programme a report is about. */
export function ReportProgramme(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ format: 'uuid', description }),
    IsUUID('all', { message: 'programmeId must be a UUID' }),
  );
}
