import { BEARER_AUTH } from '@app/http';
import { CurrentUser, ParseIdPipe, Roles, type AuthUser } from '@app/identity';
import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApplicantListDto } from './dto/match.dto.js';
import { MatchesService } from './matches.service.js';

const RANKING =
  'Live applications (applied and not yet ended), ranked by the same score and explanation as ' +
  'candidates: eligible applicants first, then those failing a hard constraint (`eligible: ' +
  'false` with reasons), then those whose profile you may not see now (anonymised, no score).';

@ApiTags('brokering')
@ApiBearerAuth(BEARER_AUTH)
@Controller()
export class ApplicationsController {
  constructor(private readonly matches: MatchesService) {}

  @Get('work-requests/:id/applications')
  @Roles('company', 'broker', 'admin')
  @ApiOperation({
    summary: 'Trainees who applied to a work request, ranked',
    description: `The owner company, brokers (open requests) and admins. ${RANKING}`,
  })
  @ApiOkResponse({ type: ApplicantListDto })
  @ApiBadRequestResponse({ description: 'problem+json naming `id`' })
  @ApiForbiddenResponse({ description: 'Not a company member, broker or admin' })
  @ApiNotFoundResponse({ description: 'Unknown, or not a request you may see' })
  workRequestApplications(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<ApplicantListDto> {
    return this.matches.applications(user, 'work_request', id);
  }

  @Get('listings/:id/applications')
  @Roles('broker', 'admin')
  @ApiOperation({
    summary: 'Trainees who applied to a listing of your organisation, ranked',
    description: `Brokers of the listing's organisation and admins. ${RANKING}`,
  })
  @ApiOkResponse({ type: ApplicantListDto })
  @ApiBadRequestResponse({ description: 'problem+json naming `id`' })
  @ApiForbiddenResponse({ description: 'Not a broker or admin' })
  @ApiNotFoundResponse({ description: "Unknown, or another organisation's listing" })
  listingApplications(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<ApplicantListDto> {
    return this.matches.applications(user, 'listing', id);
  }
}
