import { CommaSeparated, IsFreeText, OptionalNotNull, PageQueryDto } from '@app/http';
import { FitDto, MatchExplanationDto } from '@app/matching';
import { PublicProfileResponseDto } from '@app/profiles';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MATCH_STATES, type MatchState } from '../match-transitions.js';
import { OUTCOME_BOUNDS } from '../outcome-bounds.js';

const NOTE_MAX = 2000;

export class MatchCreateDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Brokers, companies, admins: the profile to shortlist (one visible to you; required). ' +
      'Trainees leave it out: they apply with their own profile.',
    example: '3d1f6a0e-52c4-4c8b-9f0e-7a2b6c1d4e51',
  })
  @OptionalNotNull()
  @IsUUID('all', { message: 'profileId must be a UUID' })
  profileId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Exactly one of workRequestId, listingId',
    example: '5f0c8f7e-8d7a-4d52-9a43-1f6f1b1d9c11',
  })
  @OptionalNotNull()
  @IsUUID('all', { message: 'workRequestId must be a UUID' })
  workRequestId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Exactly one of workRequestId, listingId',
    example: '8a4e2b9c-1d3f-4e6a-b7c8-9d0e1f2a3b41',
  })
  @OptionalNotNull()
  @IsUUID('all', { message: 'listingId must be a UUID' })
  listingId?: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, example: 'Strong React portfolio' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  @IsFreeText()
  note?: string;
}

export class MatchTransitionDto {
  @ApiProperty({ enum: MATCH_STATES, example: 'invited' })
  @IsIn(MATCH_STATES, { message: `to must be one of ${MATCH_STATES.join(', ')}` })
  to: MatchState;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, example: 'Interview went well' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  @IsFreeText()
  note?: string;

  @ApiPropertyOptional({
    description: 'Required to hire: EUR per hour',
    example: 14.5,
    minimum: 0,
    maximum: OUTCOME_BOUNDS.agreedRateEurMax,
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(OUTCOME_BOUNDS.agreedRateEurMax)
  agreedRateEur?: number;

  @ApiPropertyOptional({
    description: 'Optional when hiring',
    example: 20,
    minimum: 1,
    maximum: 80,
  })
  @IsOptional()
  @IsInt({ message: 'agreedHoursPerWeek must be a whole number' })
  @Min(1)
  @Max(80)
  agreedHoursPerWeek?: number;

  @ApiPropertyOptional({
    description:
      'Required to complete: hours over the engagement, at most 168 per week of it (weeks since the hire, or the planned durationWeeks when longer)',
    example: 160,
    minimum: 0,
    maximum: OUTCOME_BOUNDS.hoursWorkedMax,
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(OUTCOME_BOUNDS.hoursWorkedMax)
  hoursWorked?: number;

  @ApiPropertyOptional({
    description:
      'Required to complete: EUR earned over the engagement, at most €500 per hour worked',
    example: 2320,
    minimum: 0,
    maximum: OUTCOME_BOUNDS.incomeEurMax,
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(OUTCOME_BOUNDS.incomeEurMax)
  incomeEur?: number;

  @ApiPropertyOptional({
    description: 'When completing: the hiring party rates the trainee, 1–5',
    example: 5,
    minimum: 1,
    maximum: 5,
  })
  @IsOptional()
  @IsInt({ message: 'rating must be a whole number' })
  @Min(OUTCOME_BOUNDS.ratingMin)
  @Max(OUTCOME_BOUNDS.ratingMax)
  rating?: number;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, example: 'Reliable and quick' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  @IsFreeText()
  ratingComment?: string;
}

/** The trainee's rating of the engagement, once, after completion. */
export class MatchRatingDto {
  @ApiProperty({ example: 4, minimum: 1, maximum: 5 })
  @IsInt({ message: 'rating must be a whole number' })
  @Min(OUTCOME_BOUNDS.ratingMin)
  @Max(OUTCOME_BOUNDS.ratingMax)
  rating: number;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, example: 'Clear tasks, paid on time' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  @IsFreeText()
  comment?: string;
}

export class MatchListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'workRequestId must be a UUID' })
  workRequestId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'listingId must be a UUID' })
  listingId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'profileId must be a UUID' })
  profileId?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'invited,accepted',
    description: `Comma-separated states (${MATCH_STATES.join(', ')})`,
  })
  @IsOptional()
  @CommaSeparated()
  @IsIn(MATCH_STATES, {
    each: true,
    message: `state must be a list of ${MATCH_STATES.join(', ')}`,
  })
  state?: MatchState[];
}

/**
 * What parties see of the person: a public summary while their profile is visible to the reader;
 * the id alone when it is not (`hidden`); an anonymous placeholder once they erased their data.
 */
export class MatchProfileDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id: string | null;
  @ApiProperty({ example: false, description: 'The person erased their data' }) erased: boolean;
  @ApiProperty({
    example: false,
    description:
      "The profile's visibility does not let you see it now: only its id is shown, and you may not invite or hire",
  })
  hidden: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'Ana Petrović' }) displayName:
    string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Customer support agent' }) headline:
    string | null;
  @ApiProperty({ nullable: true, type: String, example: 'RS' }) country: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Novi Sad' }) city: string | null;
}

export class MatchOpportunityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['work_request', 'listing'] }) kind: 'work_request' | 'listing';
  @ApiProperty({ example: 'Front-end developer' }) title: string;
  @ApiProperty({ enum: ['draft', 'open', 'closed', 'filled'] }) status: string;
}

export class MatchRatingViewDto {
  @ApiProperty({ example: 5 }) rating: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}

export class MatchResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MATCH_STATES }) state: MatchState;
  @ApiProperty({ type: MatchOpportunityDto }) opportunity: MatchOpportunityDto;
  @ApiProperty({ type: MatchProfileDto }) profile: MatchProfileDto;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The organisation that created the match (null: platform staff)',
  })
  organisationId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Not shown to the trainee' })
  note: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 14.5 }) agreedRateEur: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 20 }) agreedHoursPerWeek: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 160 }) hoursWorked: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 2320 }) incomeEur: number | null;
  @ApiProperty({
    type: MatchRatingViewDto,
    nullable: true,
    description: 'The hiring party’s rating of the trainee',
  })
  traineeRating: MatchRatingViewDto | null;
  @ApiProperty({
    type: MatchRatingViewDto,
    nullable: true,
    description: 'The trainee’s rating of the engagement',
  })
  employerRating: MatchRatingViewDto | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the trainee applied (null: the parties shortlisted them)',
  })
  appliedAt: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'null for an application not (yet) shortlisted',
  })
  shortlistedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) invitedAt: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Accepted or declined at',
  })
  answeredAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) hiredAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) rejectedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty({ example: 3 }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MatchPageDto {
  @ApiProperty({ type: [MatchResponseDto] }) items: MatchResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class MatchEventDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ enum: MATCH_STATES, nullable: true, type: String }) fromState: MatchState | null;
  @ApiProperty({ enum: MATCH_STATES }) toState: MatchState;
  @ApiProperty({ enum: ['trainee', 'company', 'broker', 'admin', 'system'] }) actorRole: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null once the acting person erased their data',
  })
  actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A match's whole audit trail (a handful of events: one per transition), oldest first. */
export class MatchEventListDto {
  @ApiProperty({ type: [MatchEventDto] }) items: MatchEventDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the trail is short' })
  nextCursor: string | null;
}

/** The answer to a trainee's application: the match, and how they fit the opportunity. */
export class ApplicationResponseDto extends MatchResponseDto {
  @ApiProperty({ type: FitDto }) fit: FitDto;
}

/**
 * One applicant as the hiring party sees them: the person's public profile when it is visible
 * to the reader (otherwise `profile` is null and `hidden` true, with no score or explanation),
 * ranked by the same score as candidates.
 */
export class ApplicantDto {
  @ApiProperty({ format: 'uuid' }) matchId: string;
  @ApiProperty({ enum: MATCH_STATES, example: 'applied' }) state: MatchState;
  @ApiProperty({ format: 'date-time' }) appliedAt: string;
  @ApiProperty({ nullable: true, type: String, description: "The applicant's note" })
  note: string | null;
  @ApiProperty({
    example: false,
    description: "The profile's visibility does not let you see it now: listed last, anonymised",
  })
  hidden: boolean;
  @ApiProperty({ type: PublicProfileResponseDto, nullable: true })
  profile: PublicProfileResponseDto | null;
  @ApiProperty({ example: 0.74, nullable: true, type: Number }) score: number | null;
  @ApiProperty({ type: MatchExplanationDto, nullable: true })
  explanation: MatchExplanationDto | null;
  @ApiProperty({ example: true }) eligible: boolean;
  @ApiProperty({ type: [String], example: [] }) ineligibilityReasons: string[];
}

export class ApplicantListDto {
  @ApiProperty({ type: [ApplicantDto] }) items: ApplicantDto[];
}
