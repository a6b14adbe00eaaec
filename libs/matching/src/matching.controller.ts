import { BEARER_AUTH } from '@app/http';
import { CurrentUser, ParseIdPipe, Roles, type AuthUser } from '@app/identity';
import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { MatchQueryDto } from './dto/match-query.dto.js';
import { CandidateMatchDto, RecommendationDto } from './dto/match-response.dto.js';
import { MatchingService } from './matching.service.js';

@ApiTags('matching')
@ApiBearerAuth(BEARER_AUTH)
@Controller()
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get('work-requests/:id/candidates')
  @Roles('company', 'broker')
  @ApiOperation({
    summary: 'Best candidates for a work request, each with score and explanation',
    description:
      'The owner company (visibility `companies` only; the priority category is hidden) or a broker (open requests; `brokers` and `companies`). With `nearMisses=true`, people failing exactly one hard constraint follow the eligible candidates, marked `nearMiss: true` with their `gaps`.',
  })
  @ApiOkResponse({ type: [CandidateMatchDto] })
  @ApiBadRequestResponse({ description: 'problem+json naming `limit`, `nearMisses` or `id`' })
  @ApiForbiddenResponse({ description: 'Not a company member or broker' })
  @ApiNotFoundResponse({ description: 'Unknown, or not a request you may see' })
  workRequestCandidates(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: MatchQueryDto,
  ): Promise<CandidateMatchDto[]> {
    return this.matching.candidatesForWorkRequest(user, id, query.limit, query.nearMisses);
  }

  @Get('listings/:id/candidates')
  @Roles('broker')
  @ApiOperation({
    summary: 'Best candidates for a listing of your membership organisation',
    description:
      'With `nearMisses=true`, people failing exactly one hard constraint follow the eligible candidates, marked `nearMiss: true` with their `gaps`.',
  })
  @ApiOkResponse({ type: [CandidateMatchDto] })
  @ApiBadRequestResponse({ description: 'problem+json naming `limit`, `nearMisses` or `id`' })
  @ApiForbiddenResponse({ description: 'Not a broker' })
  @ApiNotFoundResponse({ description: "Unknown, or another organisation's listing" })
  listingCandidates(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: MatchQueryDto,
  ): Promise<CandidateMatchDto[]> {
    return this.matching.candidatesForListing(user, id, query.limit, query.nearMisses);
  }

  @Get('profiles/me/recommendations')
  @Roles('trainee')
  @ApiOperation({
    summary: 'Open work requests and listings that fit me best, with explanation',
    description:
      'With `nearMisses=true`, opportunities one step away follow, marked `nearMiss: true` with the gap and the courses that close a skill gap.',
  })
  @ApiOkResponse({ type: [RecommendationDto] })
  @ApiBadRequestResponse({ description: 'problem+json naming `limit` or `nearMisses`' })
  @ApiForbiddenResponse({ description: 'Not a trainee' })
  recommendations(
    @CurrentUser() user: AuthUser,
    @Query() query: MatchQueryDto,
  ): Promise<RecommendationDto[]> {
    return this.matching.recommendationsFor(user, query.limit, new Date(), query.nearMisses);
  }
}
