import { ApiPropertyOptional } from '@nestjs/swagger';
import { CommaSeparated, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@app/http';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { OPPORTUNITY_STATUSES, type OpportunityStatus } from '../opportunity-vocabulary.js';

export class OpportunityListQueryDto {
  @ApiPropertyOptional({
    type: String,
    example: 'draft,open',
    description: `Comma-separated statuses (${OPPORTUNITY_STATUSES.join(', ')})`,
  })
  @IsOptional()
  @CommaSeparated()
  @IsIn(OPPORTUNITY_STATUSES, {
    each: true,
    message: 'status must be a list of draft, open, closed, filled',
  })
  status?: OpportunityStatus[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
