import { IsFreeText, OptionalNotNull } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from './validators.js';

export const FLAG_REASONS = [
  'scam',
  'off_platform_payment',
  'fee_requested',
  'misleading',
  'other',
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export class ListingFlagCreateDto {
  @ApiProperty({ enum: FLAG_REASONS, example: 'fee_requested' })
  @IsIn(FLAG_REASONS, { message: `reason must be one of ${FLAG_REASONS.join(', ')}` })
  reason: FlagReason;

  @ApiPropertyOptional({
    example: 'The client asked me for 30 EUR to unlock the task list.',
    maxLength: 1000,
  })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'note must not be empty' })
  @MaxLength(1000)
  @IsFreeText()
  note?: string;
}

export class ListingFlagDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) listingId: string;
  @ApiProperty({ enum: FLAG_REASONS, example: 'fee_requested' }) reason: FlagReason;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
