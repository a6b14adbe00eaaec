import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_MATCH_LIMIT = 20;
export const MAX_MATCH_LIMIT = 100;

export class MatchQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MATCH_LIMIT, default: DEFAULT_MATCH_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: `limit must be between 1 and ${MAX_MATCH_LIMIT}` })
  @Max(MAX_MATCH_LIMIT, { message: `limit must be between 1 and ${MAX_MATCH_LIMIT}` })
  limit?: number;
}
