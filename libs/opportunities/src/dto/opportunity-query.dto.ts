import { ApiPropertyOptional } from '@nestjs/swagger';
import { CommaSeparated, PageQueryDto } from '@app/http';
import { IsIn, IsOptional } from 'class-validator';
import { OPPORTUNITY_STATUSES, type OpportunityStatus } from '../opportunity-vocabulary.js';

/** `?status=&limit=&cursor=` of the work request and listing lists (newest first). */
export class OpportunityListQueryDto extends PageQueryDto {
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
}
