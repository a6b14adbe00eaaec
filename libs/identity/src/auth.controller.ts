import { BEARER_AUTH } from '@app/http';
import { Body, Controller, Get, HttpCode, Ip, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser, SessionCaller } from './auth-user.js';
import { AuthService, type Session } from './auth.service.js';
import { CurrentSessionId, CurrentUser, Public } from './decorators.js';
import {
  ChangePasswordDto,
  LoginDto,
  RefreshTokenDto,
  RegisterDto,
  SessionResponseDto,
} from './dto/auth.dto.js';
import { UserResponseDto, toUserResponse } from './dto/user.dto.js';
import type { UserRecord } from './identity-records.js';
import { LoginGuard } from './guards/login.guard.js';
import { UnauthenticatedError } from './identity.errors.js';
import { UsersService } from './users.service.js';

function toSessionResponse(session: Session): SessionResponseDto {
  return {
    user: toUserResponse(session.user),
    accessToken: session.tokens.accessToken,
    refreshToken: session.tokens.refreshToken,
    expiresIn: session.tokens.expiresIn,
  };
}

@ApiTags('identity')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('auth/register')
  @ApiOperation({
    summary: 'Create a trainee or company account (a company gets its organisation)',
  })
  @ApiCreatedResponse({ type: SessionResponseDto })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiConflictResponse({ description: 'An account with this e-mail address already exists' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many registrations from this address or for this e-mail domain; see Retry-After',
  })
  async register(@Body() body: RegisterDto, @Ip() ip: string): Promise<SessionResponseDto> {
    return toSessionResponse(await this.auth.register(body, ip));
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiOperation({ summary: 'Sign in with e-mail and password' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiUnauthorizedResponse({
    description: 'Same answer for an unknown e-mail and a wrong password',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async login(
    @Body() _body: LoginDto,
    @Req() request: { user: UserRecord },
  ): Promise<SessionResponseDto> {
    return toSessionResponse(await this.auth.startSession(request.user));
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description:
      'The presented token stops working. Presenting a token that was already exchanged ' +
      'revokes every token of its family (sign in again).',
  })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired, revoked or already used' })
  async refresh(@Body() body: RefreshTokenDto): Promise<SessionResponseDto> {
    return toSessionResponse(await this.auth.refresh(body.refreshToken));
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'Sign out of the session of this refresh token',
    description: 'Its refresh tokens and its access tokens stop working at once.',
  })
  @ApiNoContentResponse()
  async logout(@CurrentUser() user: AuthUser, @Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(user.id, body.refreshToken);
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'Change the own password',
    description:
      'Every other session of the account ends at once (their refresh and access tokens stop ' +
      'working); this one goes on with its tokens. Wrong current passwords count as failed ' +
      'sign-ins of the account.',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({
    description: 'problem+json naming currentPassword (wrong) or newPassword (policy)',
  })
  @ApiUnauthorizedResponse({ description: 'Not signed in, or the session has ended' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong passwords; see Retry-After' })
  async changePassword(
    @CurrentUser() user: AuthUser,
    @CurrentSessionId() sessionId: string,
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<void> {
    const caller: SessionCaller = { ...user, sessionId };
    await this.auth.changePassword(caller, body, ip);
  }

  @Get('me')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: UserResponseDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    const account = await this.users.findAccount(user.id);
    if (account === null) throw new UnauthenticatedError('The account no longer exists');
    return toUserResponse(account);
  }
}
