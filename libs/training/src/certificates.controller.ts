import { PageQueryDto } from '@app/http';
import { CurrentUser, Public, Roles, type AuthUser } from '@app/identity';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CERTIFICATE_PAGE_CSP } from './certificate-page/render.js';
import { CertificatePublicService } from './certificate-public.service.js';
import {
  CertificateIssuedDto,
  CertificateVerificationDto,
  SignedCredentialDto,
  MyCertificatePageDto,
  RevokeCertificateDto,
} from './dto/certificate.dto.js';
import { MyEnrolmentPageDto } from './dto/enrolment.dto.js';
import { CertificatesService } from './certificates.service.js';
import {
  toCertificateIssued,
  toCertificateVerification,
  toMyCertificate,
  toMyEnrolment,
  toPageResponse,
} from './training-mapping.js';

@ApiTags('training')
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly publicCertificates: CertificatePublicService,
  ) {}

  @Get('certificates/:code')
  @Public()
  @ApiOperation({
    summary: 'Verify a certificate (public)',
    description:
      "JSON: holder's display name, course, provider, completion date, score and certified " +
      'skills; unknown code: 404 CERTIFICATE_NOT_FOUND; revoked: 404 CERTIFICATE_REVOKED. ' +
      'With `Accept: text/html`: a verification page (valid or revoked, and since when) in the ' +
      'locale of `?lang=` or `Accept-Language` (en, sq, sr, sr-Cyrl, mk, bs); unknown: a 404 page.',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiQuery({
    name: 'lang',
    required: false,
    description: 'Page locale: en, sq, sr, sr-Cyrl, mk, bs',
  })
  @ApiOkResponse({ type: CertificateVerificationDto })
  @ApiNotFoundResponse({ description: 'CERTIFICATE_NOT_FOUND or CERTIFICATE_REVOKED' })
  async verify(
    @Param('code') code: string,
    @Query('lang') lang: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CertificateVerificationDto | string> {
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/html']) !== 'text/html') {
      return toCertificateVerification(await this.certificates.verify(code));
    }
    const page = await this.publicCertificates.page(code, lang, acceptLanguage);
    res.vary('Accept-Language');
    res.status(page.status);
    res.type('html');
    res.setHeader('Content-Security-Policy', CERTIFICATE_PAGE_CSP);
    // A revocation (or a new certificate) reaches every cache within a minute.
    res.setHeader('Cache-Control', 'public, max-age=60');
    return page.html;
  }

  @Get('certificates/:code/credential')
  @Public()
  @ApiOperation({
    summary: 'The certificate as a signed Open Badges 3.0 credential (public)',
    description:
      'An OpenBadgeCredential signed as a VC-JWT (RS256) with a key published at ' +
      '/.well-known/jwks.json. JSON `{ credential, jwt }`; with `Accept: application/vc+jwt` ' +
      '(or application/jwt) the compact JWS alone. Revoked: 410 CERTIFICATE_REVOKED.',
  })
  @ApiProduces('application/json', 'application/vc+jwt')
  @ApiHeader({ name: 'Accept', required: false })
  @ApiOkResponse({ type: SignedCredentialDto })
  @ApiNotFoundResponse({ description: 'CERTIFICATE_NOT_FOUND' })
  @ApiGoneResponse({ description: 'CERTIFICATE_REVOKED: the issuer revoked it (with revokedAt)' })
  async credential(
    @Param('code') code: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignedCredentialDto | string> {
    const signed = await this.publicCertificates.credential(code);
    res.vary('Accept');
    res.setHeader('Cache-Control', 'no-store');
    const wanted = req.accepts(['application/json', 'application/vc+jwt', 'application/jwt']);
    if (wanted === 'application/vc+jwt' || wanted === 'application/jwt') {
      res.type(wanted);
      return signed.jwt;
    }
    return signed;
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
  async revoke(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: RevokeCertificateDto,
  ): Promise<CertificateIssuedDto> {
    return toCertificateIssued(await this.certificates.revoke(user, code, body));
  }

  @Get('profiles/me/enrolments')
  @Roles('trainee')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'My enrolments, each with its certificate when issued (trainee)' })
  @ApiOkResponse({ type: MyEnrolmentPageDto })
  async myEnrolments(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<MyEnrolmentPageDto> {
    return toPageResponse(await this.certificates.listOwnEnrolments(user, query), toMyEnrolment);
  }

  @Get('profiles/me/certificates')
  @Roles('trainee')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'My certificates, revoked ones included with the reason (trainee)' })
  @ApiOkResponse({ type: MyCertificatePageDto })
  async myCertificates(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
  ): Promise<MyCertificatePageDto> {
    return toPageResponse(await this.certificates.listOwn(user, query), toMyCertificate);
  }
}
