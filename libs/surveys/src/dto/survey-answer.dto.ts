import { OptionalNotNull } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, Max, Min } from 'class-validator';
import {
  ANSWER_BOUNDS,
  SECTORS,
  WORK_STATUSES,
  type Sector,
  type WorkStatus,
} from '../survey-values.js';

/** An answer to a follow-up survey (docs/reporting.md says how each field is counted). */
export class SurveyAnswerDto {
  @ApiProperty({
    enum: WORK_STATUSES,
    example: 'freelance',
    description: 'What the person does now',
  })
  @IsIn(WORK_STATUSES)
  status!: WorkStatus;

  @ApiPropertyOptional({
    example: 850,
    minimum: 0,
    maximum: ANSWER_BOUNDS.incomeMax,
    description: 'EUR earned per month; only with employed, self_employed or freelance',
  })
  @OptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(ANSWER_BOUNDS.incomeMax)
  monthlyIncomeEur?: number;

  @ApiPropertyOptional({ example: 30, minimum: 0, maximum: ANSWER_BOUNDS.hoursMax })
  @OptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(ANSWER_BOUNDS.hoursMax)
  hoursPerWeek?: number;

  @ApiPropertyOptional({ enum: SECTORS, example: 'ict' })
  @OptionalNotNull()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiPropertyOptional({
    example: true,
    description: 'Whether it is the engagement (or the work found after the training) asked about',
  })
  @OptionalNotNull()
  @IsBoolean()
  sameEngagement?: boolean;
}
