import { ApiProperty } from '@nestjs/swagger';
import { SECTORS, TRIGGER_KINDS, WORK_STATUSES } from '../survey-values.js';

export class SurveyOptionDto {
  @ApiProperty({ example: 'freelance' }) value!: string;
  @ApiProperty({ example: 'I do freelance work for clients' }) label!: string;
}

export class SurveyQuestionDto {
  @ApiProperty({ example: 'status', description: 'The answer field' }) field!: string;
  @ApiProperty({ example: 'What do you do now?' }) text!: string;
  @ApiProperty({ enum: ['choice', 'number', 'yes_no'] }) type!: 'choice' | 'number' | 'yes_no';
  @ApiProperty() required!: boolean;
  @ApiProperty({ type: [SurveyOptionDto], required: false }) options?: SurveyOptionDto[];
  @ApiProperty({ required: false, example: 0 }) min?: number;
  @ApiProperty({ required: false, example: 100000 }) max?: number;
}

export class SurveyAnswerViewDto {
  @ApiProperty({ enum: WORK_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: Number, example: 850 }) monthlyIncomeEur!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 30 }) hoursPerWeek!: number | null;
  @ApiProperty({ nullable: true, enum: SECTORS }) sector!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) sameEngagement!: boolean | null;
}

/** A survey behind a link: its questions in the person's language, nothing about the person. */
export class SurveyFormDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1, description: 'Position of the offset in FOLLOW_UP_OFFSETS' })
  followUp!: number;
  @ApiProperty({ example: 'P3M' }) offset!: string;
  @ApiProperty({ example: 'sq' }) locale!: string;
  @ApiProperty({ example: 'Your work now' }) title!: string;
  @ApiProperty() intro!: string;
  @ApiProperty({ type: [SurveyQuestionDto] }) questions!: SurveyQuestionDto[];
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

/** One of the trainee's own surveys. */
export class OwnSurveyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TRIGGER_KINDS }) trigger!: string;
  @ApiProperty({ example: 2 }) followUp!: number;
  @ApiProperty({ example: 'P6M' }) offset!: string;
  @ApiProperty({ enum: ['open', 'answered', 'expired'] }) state!: string;
  @ApiProperty({ format: 'date-time' }) triggeredAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt!: string | null;
  @ApiProperty({ type: SurveyAnswerViewDto, nullable: true }) answer!: SurveyAnswerViewDto | null;
}

export class OwnSurveyListDto {
  @ApiProperty({ type: [OwnSurveyDto] }) items!: OwnSurveyDto[];
}
