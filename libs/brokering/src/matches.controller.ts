import { BEARER_AUTH } from '@app/http';
import { CurrentUser, ParseIdPipe, Roles, type AuthUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  ApplicationResponseDto,
  MatchCreateDto,
  MatchEventListDto,
  MatchListQueryDto,
  MatchPageDto,
  MatchRatingDto,
  MatchResponseDto,
  MatchTransitionDto,
} from './dto/match.dto.js';
import { MatchesService } from './matches.service.js';

@ApiTags('brokering')
@ApiBearerAuth(BEARER_AUTH)
@Controller('matches')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Post()
  @Roles('trainee', 'broker', 'company', 'admin')
  @ApiOperation({
    summary: 'Apply (trainee) or shortlist a profile (parties) for a work request or listing',
    description:
      'Trainees apply with their own profile (no profileId): state `applied`, and the answer ' +
      'carries `fit` (score, explanation, eligible, ineligibilityReasons); at most ' +
      'APPLICATIONS_PER_DAY (default 20) in a rolling 24 hours. Brokers shortlist for any open ' +
      'work request and their own organisation’s listings; companies for their own work ' +
      'requests; the profile must be visible to them. One live match per pair.',
  })
  @ApiCreatedResponse({ type: ApplicationResponseDto })
  @ApiBadRequestResponse({
    description:
      'Neither or both of workRequestId, listingId; bad ids; profileId missing (parties) or given (trainees)',
  })
  @ApiNotFoundResponse({ description: 'Profile or opportunity unknown or not visible to you' })
  @ApiConflictResponse({
    description:
      'MATCH_ALREADY_EXISTS (with existingMatchId), OPPORTUNITY_NOT_OPEN (closed, filled or past its deadline), PROFILE_NOT_VISIBLE (an applicant the hiring party could not see)',
  })
  @ApiTooManyRequestsResponse({
    description: 'TOO_MANY_APPLICATIONS: APPLICATIONS_PER_DAY reached; see Retry-After',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: MatchCreateDto,
  ): Promise<MatchResponseDto | ApplicationResponseDto> {
    return this.matches.create(user, body);
  }

  @Get()
  @Roles('trainee', 'broker', 'company', 'admin')
  @ApiOperation({
    summary: 'Matches you are party to, newest first',
    description:
      'A trainee: their applications and invitations and what followed; a company: matches on its requests; ' +
      'a broker: matches their organisation created or on its listings; admins: all.',
  })
  @ApiOkResponse({ type: MatchPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: MatchListQueryDto): Promise<MatchPageDto> {
    return this.matches.list(user, query);
  }

  @Get(':id')
  @Roles('trainee', 'broker', 'company', 'admin')
  @ApiOperation({ summary: 'One match you are party to' })
  @ApiOkResponse({ type: MatchResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours to see' })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<MatchResponseDto> {
    return this.matches.get(user, id);
  }

  @Get(':id/events')
  @Roles('trainee', 'broker', 'company', 'admin')
  @ApiOperation({ summary: 'The audit trail of a match: every transition, oldest first' })
  @ApiOkResponse({ type: MatchEventListDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours to see' })
  events(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<MatchEventListDto> {
    return this.matches.events(user, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('trainee', 'broker', 'company', 'admin')
  @ApiOperation({
    summary:
      'Move a match: (applied →) shortlisted → invited → accepted | declined → hired → completed',
    description:
      'An application becomes shortlisted, invited or rejected (parties) or withdrawn (the ' +
      'trainee); cancelled from any other live state. Parties invite and cancel; only the trainee accepts or ' +
      'declines; the company (broker for listings) hires with agreedRateEur and completes with ' +
      'hoursWorked, incomeEur and an optional rating of the trainee.',
  })
  @ApiOkResponse({ type: MatchResponseDto })
  @ApiBadRequestResponse({ description: 'Data the target state needs is missing, or not taken' })
  @ApiForbiddenResponse({
    description: 'MATCH_TRANSITION_NOT_ALLOWED: another party makes this move (allowedMoves)',
  })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours to see' })
  @ApiConflictResponse({
    description:
      'MATCH_ILLEGAL_TRANSITION (allowedMoves), OPENINGS_FILLED, OPPORTUNITY_NOT_OPEN, PROFILE_NOT_VISIBLE',
  })
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: MatchTransitionDto,
  ): Promise<MatchResponseDto> {
    return this.matches.transition(user, id, body);
  }

  @Post(':id/rating')
  @HttpCode(200)
  @Roles('trainee')
  @ApiOperation({ summary: 'The trainee rates a completed engagement (once)' })
  @ApiOkResponse({ type: MatchResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours' })
  @ApiConflictResponse({ description: 'MATCH_NOT_COMPLETED or MATCH_ALREADY_RATED' })
  rate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: MatchRatingDto,
  ): Promise<MatchResponseDto> {
    return this.matches.rate(user, id, body);
  }
}
