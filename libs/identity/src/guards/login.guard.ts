import { flattenValidationErrors, InputValidationError } from '@app/http';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { LoginDto } from '../dto/auth.dto.js';
import { InvalidCredentialsError, TooManyLoginAttemptsError } from '../identity.errors.js';
import { LoginAttemptLimiter } from '../login-attempt-limiter.js';

/**
 * POST /api/auth/login: validates the body (guards run before pipes, so a malformed body would
 * otherwise be a 401), refuses with 429 + Retry-After while the IP or the e-mail has too many
 * recent failures, then runs the passport-local strategy and counts a failure.
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  constructor(private readonly limiter: LoginAttemptLimiter) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const dto = plainToInstance(LoginDto, (request.body as unknown) ?? {});
    const errors = await validate(dto as object, {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
    });
    if (errors.length > 0) throw new InputValidationError(flattenValidationErrors(errors));

    const ip = request.ip ?? 'unknown';
    const retryAfter = this.limiter.retryAfterSeconds(ip, dto.email);
    if (retryAfter > 0) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new TooManyLoginAttemptsError(retryAfter);
    }
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof InvalidCredentialsError) this.limiter.recordFailure(ip, dto.email);
      throw error;
    }
  }
}
