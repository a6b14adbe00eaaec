import { BEARER_AUTH } from '@app/http';
import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
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
import { ListingFlagCreateDto, ListingFlagDto } from './dto/listing-flag.dto.js';
import { OpportunityEventListDto } from './dto/opportunity-response.dto.js';
import { ListingFlagsService, FLAGS_PER_HOUR, FLAGS_TO_REVIEW } from './listing-flags.service.js';
import { opportunityIdPipe } from './opportunity-id.pipe.js';

@ApiTags('opportunities')
@ApiBearerAuth(BEARER_AUTH)
@Controller('listings')
export class ListingFlagsController {
  constructor(private readonly flags: ListingFlagsService) {}

  @Post(':id/flags')
  @Roles('trainee', 'broker')
  @ApiOperation({
    summary: 'Flag a listing as a possible scam (trainee: open listings; broker: own organisation)',
    description:
      `One flag per person and listing; at most ${FLAGS_PER_HOUR} flags an hour per person. ` +
      `${FLAGS_TO_REVIEW} flags from different trainees move an open listing to review and send ` +
      'the webhook `listing.flagged_for_review` to its organisation.',
  })
  @ApiCreatedResponse({ type: ListingFlagDto })
  @ApiBadRequestResponse({ description: 'problem+json naming reason or note' })
  @ApiForbiddenResponse({ description: 'Not a trainee or a broker' })
  @ApiNotFoundResponse({ description: 'Unknown, or not a listing the caller can see' })
  @ApiConflictResponse({ description: 'LISTING_ALREADY_FLAGGED' })
  @ApiTooManyRequestsResponse({ description: 'FLAG_RATE_LIMITED' })
  flag(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
    @Body() body: ListingFlagCreateDto,
  ): Promise<ListingFlagDto> {
    return this.flags.flag(user, id, body);
  }

  @Get(':id/events')
  @Roles('broker', 'admin')
  @ApiOperation({
    summary: "A listing's audit trail: creation, publishing, review and closing, oldest first",
  })
  @ApiOkResponse({ type: OpportunityEventListDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not your organisation' })
  events(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
  ): Promise<OpportunityEventListDto> {
    return this.flags.events(user, id);
  }
}
