import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const EXTRACT_MAX_TEXT = 20_000;
export const EXTRACT_MAX_LIMIT = 50;
export const EXTRACT_DEFAULT_LIMIT = 20;

/** Text is taken as given (not trimmed): the answer's spans are offsets into it. */
export class ExtractSkillsDto {
  @ApiProperty({
    example: 'You will answer customer calls and keep our books in MS Excel. Docker is a plus.',
    maxLength: EXTRACT_MAX_TEXT,
    description: 'A job description, listing or CV, any language (English ranks best)',
  })
  @IsString()
  @MaxLength(EXTRACT_MAX_TEXT, { message: `text must be at most ${EXTRACT_MAX_TEXT} characters` })
  @Matches(/\S/, { message: 'text must not be empty' })
  text: string;

  @ApiPropertyOptional({
    example: 10,
    minimum: 1,
    maximum: EXTRACT_MAX_LIMIT,
    default: EXTRACT_DEFAULT_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(EXTRACT_MAX_LIMIT)
  limit?: number;
}

export class ExtractedSkillDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'customer service' }) name: string;
  @ApiProperty({ example: 0.92, minimum: 0, maximum: 1, description: 'Relative confidence' })
  score: number;

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
    example: [[9, 30]],
    description: '[start, end) offsets (UTF-16 code units) of the words that name the skill',
  })
  spans: [number, number][];
}

export class ExtractSkillsResponseDto {
  @ApiProperty({ type: [ExtractedSkillDto] }) items: ExtractedSkillDto[];
}
