import { BEARER_AUTH } from '@app/http';
import { Body, Controller, Get, Header, HttpCode, Ip, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AccountRecoveryService } from './account-recovery.service.js';
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
  @Get('auth/verify-email')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary: 'The e-mailed verification link opened in a browser',
    description:
      'Confirms the address like the POST does and answers with a short page; a bad token is a ' +
      '400 naming token.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A short page saying the address is confirmed' })
  @ApiBadRequestResponse({ description: 'problem+json naming token (unknown, used or expired)' })
  async verifyEmailLink(@Query() query: VerifyEmailDto): Promise<string> {
    await this.recovery.verifyEmail(query.token);
    return (
      '<!doctype html><html><head><meta charset="utf-8"><title>Talentbridge</title></head>' +
      '<body><p>Your e-mail address is confirmed. You can close this page.</p></body></html>'
    );
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
