import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Min,
  ValidateBy,
} from 'class-validator';
import {
  BIRTH_YEAR_MIN,
  INCLUSION_GROUPS,
  SEXES,
  latestBirthYear,
  type InclusionGroup,
  type Sex,
} from '../profile-values.js';

/** Checked against today's date on every request, so the bound moves with the calendar. */
const MaxBirthYear = (): PropertyDecorator =>
  ValidateBy({
    name: 'maxBirthYear',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && value <= latestBirthYear(),
      defaultMessage: () => `must be at most ${latestBirthYear()} (people aged 14 or older)`,
    },
  });

export class InclusionUpdateDto {
  @ApiPropertyOptional({ enum: SEXES, example: 'female' })
  @IsOptional()
  @IsIn(SEXES, { message: `must be one of ${SEXES.join(', ')}` })
  sex?: Sex;

  @ApiPropertyOptional({ minimum: BIRTH_YEAR_MIN, example: 1999 })
  @IsOptional()
  @IsInt()
  @Min(BIRTH_YEAR_MIN)
  @MaxBirthYear()
  birthYear?: number;

  @ApiPropertyOptional({ enum: INCLUSION_GROUPS, isArray: true, example: ['rural'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INCLUSION_GROUPS.length)
  @ArrayUnique({ message: 'must not repeat a group' })
  @IsIn(INCLUSION_GROUPS, {
    each: true,
    message: `each value must be one of ${INCLUSION_GROUPS.join(', ')}`,
  })
  groups?: InclusionGroup[];

  @ApiProperty({
    example: true,
    description: 'true stores the data for anonymous donor reports; false deletes any stored',
  })
  @IsBoolean()
  consentToReporting: boolean;
}
