import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AuthService } from '../auth.service.js';
import type { UserRecord } from '../identity-records.js';

/** E-mail and password from the body of POST /api/auth/login. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  validate(email: string, password: string): Promise<UserRecord> {
    return this.auth.verifyCredentials(email.trim().toLowerCase(), password);
  }
}
