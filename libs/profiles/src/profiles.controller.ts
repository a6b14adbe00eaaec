import { type AuthUser, CurrentUser, ParseIdPipe, Roles } from '@app/identity';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { InclusionUpdateDto } from './dto/inclusion-update.dto.js';
import { ProfileExportResponseDto } from './dto/profile-export.dto.js';
import { ProfileResponseDto, PublicProfileResponseDto } from './dto/profile-response.dto.js';
import { ProfileUpdateDto } from './dto/profile-update.dto.js';
import { parseIfMatch, profileEtag } from './if-match.js';
import { ProfilesService } from './profiles.service.js';

@ApiTags('profiles')
@ApiBearerAuth('bearer')
@Controller('profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get('me')
  @Roles('trainee')
  @ApiOperation({ summary: 'My profile, with its version (also as ETag)' })
  @ApiOkResponse({ type: ProfileResponseDto, headers: { ETag: { description: '"<version>"' } } })
  async getMine(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProfileResponseDto> {
    const profile = ProfileResponseDto.of(await this.profiles.getOwn(user));
    res.setHeader('ETag', profileEtag(profile.version));
    return profile;
  }

  @Put('me')
  @Roles('trainee')
  @ApiOperation({
    summary: 'Replace my profile',
    description:
      'Full replacement: omitted fields are cleared. Requires If-Match with the ETag read from ' +
      'GET /api/profiles/me; a stale one is refused with 412 and nothing is written.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: true,
    description: 'ETag of the edited version, e.g. "3"',
  })
  @ApiOkResponse({ type: ProfileResponseDto })
  @ApiResponse({ status: 428, description: 'If-Match missing' })
  @ApiPreconditionFailedResponse({ description: 'The profile changed since it was read' })
  async replaceMine(
    @CurrentUser() user: AuthUser,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ProfileUpdateDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProfileResponseDto> {
    const profile = ProfileResponseDto.of(
      await this.profiles.updateOwn(user, parseIfMatch(ifMatch), body),
    );
    res.setHeader('ETag', profileEtag(profile.version));
    return profile;
  }

  @Put('me/inclusion')
  @Roles('trainee')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Give (or withdraw) inclusion data for anonymous donor reports',
    description:
      'Stored only when consentToReporting is true; false deletes what was stored. Never ' +
      'indexed and never returned, except in GET /api/profiles/me/export.',
  })
  @ApiNoContentResponse()
  async setMyInclusion(
    @CurrentUser() user: AuthUser,
    @Body() body: InclusionUpdateDto,
  ): Promise<void> {
    await this.profiles.setInclusion(user, body);
  }

  @Get('me/export')
  @Roles('trainee')
  @ApiOperation({ summary: 'Everything held about me, as one JSON document' })
  @ApiOkResponse({ type: ProfileExportResponseDto })
  async exportMine(@CurrentUser() user: AuthUser): Promise<ProfileExportResponseDto> {
    return ProfileExportResponseDto.of(await this.profiles.exportOwn(user));
  }

  @Delete('me')
  @Roles('trainee')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase me',
    description:
      'Wipes the profile and the account in one transaction and removes the profile from ' +
      'search before answering. Signing in fails afterwards. Anonymous outcome counts remain.',
  })
  @ApiNoContentResponse()
  async eraseMine(@CurrentUser() user: AuthUser): Promise<void> {
    await this.profiles.eraseOwn(user);
  }

  @Get(':id')
  @Roles('broker', 'company', 'admin')
  @ApiOperation({
    summary: "A trainee's public profile",
    description:
      'Companies see profiles visible to companies; brokers and admins those visible to ' +
      'brokers or companies. Private, erased and unknown profiles all answer 404.',
  })
  @ApiOkResponse({ type: PublicProfileResponseDto })
  @ApiNotFoundResponse()
  async getOne(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<PublicProfileResponseDto> {
    return PublicProfileResponseDto.of(await this.profiles.getVisible(user, id));
  }
}
