import { CurrentUser, Public, Roles, type AuthUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CertificateIssuedDto,
  CertificateVerificationDto,
  MyCertificatePageDto,
  RevokeCertificateDto,
} from './dto/certificate.dto.js';
import { MyEnrolmentPageDto } from './dto/enrolment.dto.js';
import { PageQueryDto } from './dto/page-query.dto.js';
import { CertificatesService } from './certificates.service.js';

@ApiTags('training')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('certificates/:code')
  @Public()
  @ApiOperation({
    summary: 'Verify a certificate (public)',
    description:
      "Holder's display name, course, provider, completion date, score and certified skills. " +
      'Unknown code: 404 CERTIFICATE_NOT_FOUND; revoked: 404 CERTIFICATE_REVOKED.',
  })
  @ApiOkResponse({ type: CertificateVerificationDto })
  @ApiNotFoundResponse({ description: 'CERTIFICATE_NOT_FOUND or CERTIFICATE_REVOKED' })
  verify(@Param('code') code: string): Promise<CertificateVerificationDto> {
    return this.certificates.verify(code);
  }

  @Post('certificates/:code/revoke')
  @HttpCode(200)
  @Roles('trainer', 'admin')
  @ApiBearerAuth('bearer')
  @ApiOperation({
    summary: 'Revoke a certificate (trainer of the provider, admin)',
    description:
      'Its skills stay verified on the profile only where another valid certificate backs them.',
  })
  @ApiOkResponse({ type: CertificateIssuedDto })
  @ApiForbiddenResponse({ description: 'Not a trainer of the course provider, nor an admin' })
  @ApiNotFoundResponse({ description: 'CERTIFICATE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CERTIFICATE_ALREADY_REVOKED' })
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: RevokeCertificateDto,
  ): Promise<CertificateIssuedDto> {
    return this.certificates.revoke(user, code, body);
  }

  @Get('profiles/me/enrolments')
  @Roles('trainee')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'My enrolments, each with its certificate when issued (trainee)' })
  @ApiOkResponse({ type: MyEnrolmentPageDto })
  myEnrolments(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<MyEnrolmentPageDto> {
    return this.certificates.listOwnEnrolments(user, query);
  }

  @Get('profiles/me/certificates')
  @Roles('trainee')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'My certificates, revoked ones included with the reason (trainee)' })
  @ApiOkResponse({ type: MyCertificatePageDto })
  myCertificates(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<MyCertificatePageDto> {
    return this.certificates.listOwn(user, query);
  }
}
