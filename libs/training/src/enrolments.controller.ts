import { CurrentUser, ParseIdPipe, Roles, type AuthUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
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
import type { Response } from 'express';
import { CertificateIssuedDto } from './dto/certificate.dto.js';
import {
  CompleteEnrolmentDto,
  CreateEnrolmentDto,
  EnrolmentPageDto,
  EnrolmentResponseDto,
} from './dto/enrolment.dto.js';
import { PageQueryDto } from '@app/http';
import { EnrolmentsService } from './enrolments.service.js';
import { toCertificateIssued, toEnrolmentResponse, toPageResponse } from './training-mapping.js';

@ApiTags('training')
@ApiBearerAuth('bearer')
@Controller()
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Post('cohorts/:id/enrolments')
  @Roles('trainer')
  @ApiOperation({
    summary: 'Enrol a trainee into a cohort (trainer of the provider)',
    description: 'Capacity holds under concurrency: the last seat goes to exactly one request.',
  })
  @ApiCreatedResponse({ type: EnrolmentResponseDto })
  @ApiBadRequestResponse({
    description: 'TRAINEE_PROFILE_NOT_FOUND: not an active trainee profile',
  })
  @ApiForbiddenResponse({ description: 'Not a trainer of the course provider' })
  @ApiNotFoundResponse({ description: 'Unknown cohort' })
  @ApiConflictResponse({ description: 'COHORT_FULL or ALREADY_ENROLLED' })
  async enrol(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateEnrolmentDto,
  ): Promise<EnrolmentResponseDto> {
    return toEnrolmentResponse(await this.enrolments.enrol(user, id, body));
  }

  @Get('cohorts/:id/enrolments')
  @Roles('trainer', 'admin')
  @ApiOperation({ summary: 'Enrolments of a cohort (trainer of the provider, admin)' })
  @ApiOkResponse({ type: EnrolmentPageDto })
  @ApiForbiddenResponse({ description: 'Not a trainer of the course provider' })
  @ApiNotFoundResponse({ description: 'Unknown cohort' })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<EnrolmentPageDto> {
    return toPageResponse(await this.enrolments.listOfCohort(user, id, query), toEnrolmentResponse);
  }

  @Post('enrolments/:id/complete')
  @Roles('trainer')
  @ApiOperation({
    summary: 'Complete an enrolment and issue its certificate (trainer of the provider)',
    description:
      'The taught skills become verified on the profile. 201 when this request issued the ' +
      'certificate; 200 with the same certificate when it was already completed.',
  })
  @ApiCreatedResponse({ type: CertificateIssuedDto, description: 'Certificate issued' })
  @ApiOkResponse({ type: CertificateIssuedDto, description: 'Already completed: same certificate' })
  @ApiBadRequestResponse({ description: 'score outside 0–100' })
  @ApiForbiddenResponse({ description: 'Not a trainer of the course provider' })
  @ApiNotFoundResponse({ description: 'Unknown enrolment' })
  @ApiConflictResponse({ description: 'ENROLMENT_FINISHED: the enrolment was dropped' })
  async complete(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CompleteEnrolmentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CertificateIssuedDto> {
    const result = await this.enrolments.complete(user, id, body);
    res.status(result.issued ? 201 : 200);
    return toCertificateIssued(result.certificate);
  }

  @Post('enrolments/:id/drop')
  @HttpCode(200)
  @Roles('trainer')
  @ApiOperation({ summary: 'Record a dropout; issues nothing and frees the seat' })
  @ApiOkResponse({ type: EnrolmentResponseDto })
  @ApiForbiddenResponse({ description: 'Not a trainer of the course provider' })
  @ApiNotFoundResponse({ description: 'Unknown enrolment' })
  @ApiConflictResponse({ description: 'ENROLMENT_FINISHED: the enrolment was completed' })
  async drop(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<EnrolmentResponseDto> {
    return toEnrolmentResponse(await this.enrolments.drop(user, id));
  }
}
