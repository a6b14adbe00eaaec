import { BEARER_AUTH } from '@app/http';
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
} from '@nestjs/swagger';
import type { AuthUser } from './auth-user.js';
import { CurrentUser, Roles } from './decorators.js';
import {
  MemberCreateDto,
  MemberCreatedResponseDto,
  MemberResponseDto,
  OrganisationCreateDto,
  OrganisationResponseDto,
  toMemberCreatedResponse,
  toMemberResponse,
  toOrganisationResponse,
} from './dto/organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';
import { ParseIdPipe } from './parse-id.pipe.js';

const uuid = new ParseIdPipe();

@ApiTags('identity')
@ApiBearerAuth(BEARER_AUTH)
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an organisation (admin)' })
  @ApiCreatedResponse({ type: OrganisationResponseDto })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiForbiddenResponse({ description: 'Not an admin' })
  async create(@Body() body: OrganisationCreateDto): Promise<OrganisationResponseDto> {
    return toOrganisationResponse(await this.organisations.create(body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'An organisation (admin or member)' })
  @ApiOkResponse({ type: OrganisationResponseDto })
  @ApiForbiddenResponse({ description: 'Not a member of this organisation' })
  @ApiNotFoundResponse()
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<OrganisationResponseDto> {
    return toOrganisationResponse(await this.organisations.findForMember(user, id));
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'The people of an organisation (admin or member)' })
  @ApiOkResponse({ type: [MemberResponseDto] })
  @ApiForbiddenResponse({ description: 'Not a member of this organisation' })
  async members(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<MemberResponseDto[]> {
    return (await this.organisations.listMembers(user, id)).map(toMemberResponse);
  }

  @Post(':id/members')
  @ApiOperation({
    summary: 'Create a person in the organisation (admin or the organisation owner)',
    description:
      'The role must fit the organisation: broker for membership_org, trainer for ' +
      'training_provider, company for company. Without a password one is generated and ' +
      'returned once.',
  })
  @ApiCreatedResponse({ type: MemberCreatedResponseDto })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field (e.g. role)' })
  @ApiForbiddenResponse({ description: 'Neither an admin nor the owner of this organisation' })
  @ApiConflictResponse({ description: 'An account with this e-mail address already exists' })
  @ApiNotFoundResponse()
  async addMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: MemberCreateDto,
  ): Promise<MemberCreatedResponseDto> {
    return toMemberCreatedResponse(await this.organisations.addMember(user, id, body));
  }
}
