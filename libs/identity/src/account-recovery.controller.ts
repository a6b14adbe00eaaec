import { BEARER_AUTH } from '@app/http';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Ip,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  ACCOUNT_PAGE_CSP,
  emailVerifiedPage,
  invalidLinkPage,
  localeFromAcceptLanguage,
  passwordResetPage,
} from './account-pages.js';
import { AccountRecoveryService, PASSWORD_RESET_PATH } from './account-recovery.service.js';
import type { AuthUser } from './auth-user.js';
import { CurrentUser, Public } from './decorators.js';
import {
  PasswordResetAcceptedDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  UpdateMeDto,
  VerifyEmailDto,
} from './dto/account-recovery.dto.js';
import { toUserResponse, UserResponseDto } from './dto/user.dto.js';
import { UnauthenticatedError } from './identity.errors.js';
import { UsersService } from './users.service.js';

/** An account page: HTML under its own CSP, never cached (it carries a token). */
function htmlPage(res: Response): void {
  res.type('html');
  res.setHeader('Content-Security-Policy', ACCOUNT_PAGE_CSP);
  res.setHeader('Referrer-Policy', 'no-referrer');
}

const RESET_ACCEPTED: PasswordResetAcceptedDto = {
  message: 'If an account uses this address, a link to reset its password is on its way.',
};

@ApiTags('identity')
@Controller()
export class AccountRecoveryController {
  constructor(
    private readonly recovery: AccountRecoveryService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'E-mail a link to reset the password',
    description:
      'The same answer whether or not an account uses the address. The link works once, for ' +
      '60 minutes.',
  })
  @ApiAcceptedResponse({ type: PasswordResetAcceptedDto })
  @ApiBadRequestResponse({ description: 'problem+json naming email' })
  @ApiTooManyRequestsResponse({
    description: 'Too many requests for this address or from this client; see Retry-After',
  })
  async requestReset(
    @Body() body: PasswordResetRequestDto,
    @Ip() ip: string,
  ): Promise<PasswordResetAcceptedDto> {
    await this.recovery.requestPasswordReset(body.email, ip);
    return RESET_ACCEPTED;
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the e-mailed token',
    description: 'Every session of the account ends (its refresh and access tokens stop working).',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({
    description: 'problem+json naming token (unknown, used or expired) or password (rules)',
  })
  async confirmReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.recovery.confirmPasswordReset(body.token, body.password);
  }

  @Public()
  @Post('auth/verify-email')
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm the e-mail address with the e-mailed token' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'problem+json naming token (unknown, used or expired)' })
  async verifyEmail(@Body() body: VerifyEmailDto): Promise<void> {
    await this.recovery.verifyEmail(body.token);
  }

  @Public()
  @Get('auth/password-reset/confirm')
  @ApiOperation({
    summary: 'The e-mailed reset link opened in a browser: a page to choose the new password',
    description:
      'A small page in the account’s language whose form posts `{ token, password }` to ' +
      '`POST /api/auth/password-reset/confirm` (same origin, JSON). The token is not used up ' +
      'by opening the page. An unknown, used or expired token: 400 with a page saying so (in ' +
      'the language of Accept-Language).',
  })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'token', required: true, description: 'The token of the e-mailed link' })
  @ApiOkResponse({ description: 'The form' })
  @ApiBadRequestResponse({ description: 'A page: the link is invalid, used or expired' })
  async passwordResetLink(
    @Query('token') token: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const locale =
      typeof token === 'string' ? await this.recovery.resetLinkLocale(token) : undefined;
    htmlPage(res);
    if (locale === undefined || typeof token !== 'string') {
      res.status(400);
      return invalidLinkPage(localeFromAcceptLanguage(acceptLanguage));
    }
    return passwordResetPage(locale, token, PASSWORD_RESET_PATH);
  }

  @Public()
  @Get('auth/verify-email')
  @ApiOperation({
    summary: 'The e-mailed verification link opened in a browser',
    description:
      'Confirms the address like the POST does and answers with a short page in the account’s ' +
      'language; a bad token is a 400 naming token.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A short page saying the address is confirmed' })
  @ApiBadRequestResponse({ description: 'problem+json naming token (unknown, used or expired)' })
  async verifyEmailLink(
    @Query() query: VerifyEmailDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const locale = await this.recovery.verifyEmail(query.token);
    htmlPage(res);
    return emailVerifiedPage(locale);
  }

  @Patch('me')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({ summary: 'Change the own display name, e-mail language and/or timezone' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiBadRequestResponse({ description: 'problem+json naming displayName, locale or timezone' })
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  async updateMe(
    @CurrentUser() user: AuthUser,
    @Body() body: UpdateMeDto,
  ): Promise<UserResponseDto> {
    const account = await this.users.updateOwnAccount(user.id, body);
    if (account === null) throw new UnauthenticatedError('The account no longer exists');
    return toUserResponse(account);
  }
}
