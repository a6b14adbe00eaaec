import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_MATCH_LIMIT = 20;
export const MAX_MATCH_LIMIT = 100;

export class MatchQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_MATCH_LIMIT,
    default: DEFAULT_MATCH_LIMIT,
    description:
      'At most this many eligible items; with `nearMisses=true`, at most this many near misses after them as well',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: `limit must be between 1 and ${MAX_MATCH_LIMIT}` })
  @Max(MAX_MATCH_LIMIT, { message: `limit must be between 1 and ${MAX_MATCH_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({
    default: false,
    example: true,
    description:
      'true: after the eligible items (unchanged), add near misses — items failing exactly one hard constraint by a little — marked `nearMiss: true` with their `gaps` (docs/matching.md)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'nearMisses must be true or false' })
  nearMisses?: boolean;
}
