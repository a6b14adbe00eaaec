import { BEARER_AUTH } from '@app/http';
import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import { OpportunitySearchQueryDto, OpportunitySearchService } from '@app/opportunities';
import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { OpportunitySearchResponseDto } from './dto/opportunity-search-response.dto.js';
import { OpportunityFitService } from './opportunity-fit.js';

/**
 * `GET /api/opportunities`: the opportunities lib searches, this lib adds the trainee's fit
 * (matching depends on opportunities, never the other way round).
 */
@ApiTags('opportunities')
@ApiBearerAuth(BEARER_AUTH)
@Controller('opportunities')
export class OpportunitySearchController {
  constructor(
    private readonly search: OpportunitySearchService,
    private readonly fit: OpportunityFitService,
  ) {}

  @Get()
  @Roles('trainee', 'broker', 'admin')
  @ApiOperation({
    summary: 'Search open work requests and listings, with facets (and fit for trainees)',
    description:
      'Typo-tolerant free text in any script (Cyrillic finds Latin and back) over title, ' +
      'description and town; filters narrow, facets count every hit of the current query. ' +
      'Brokers see every open request and their own organisation’s listings. A trainee gets ' +
      '`fit: { score, eligible }` per item, the score recommendations give.',
  })
  @ApiOkResponse({ type: OpportunitySearchResponseDto })
  @ApiBadRequestResponse({ description: 'problem+json naming the bad parameter' })
  @ApiForbiddenResponse({ description: 'Companies and trainers' })
  async find(
    @CurrentUser() user: AuthUser,
    @Query() query: OpportunitySearchQueryDto,
  ): Promise<OpportunitySearchResponseDto> {
    const now = new Date();
    const { items, opportunities, facets, nextCursor } = await this.search.search(user, query, now);
    if (user.role !== 'trainee') return { items, facets, nextCursor };
    const fits = await this.fit.fitFor(user, opportunities, now);
    return {
      items: items.map((item) => ({ ...item, fit: fits?.get(item.id) ?? null })),
      facets,
      nextCursor,
    };
  }
}
