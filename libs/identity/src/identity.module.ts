import { APP_CONFIG, type AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { MailModule } from '@app/mail';
import { AccountRecoveryController } from './account-recovery.controller.js';
import { AccountRecoveryService } from './account-recovery.service.js';
import { AccountSecurityHooks } from './account-security-hooks.js';
import { AccountTokensRepository } from './account-tokens.repository.js';
import { AdminSeeder } from './admin-seeder.js';
import { PasswordResetLimiter } from './password-reset-limiter.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard } from './guards/jwt-auth.guard.js';
import { RolesGuard } from './guards/roles.guard.js';
import { LoginAttemptLimiter } from './login-attempt-limiter.js';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, requireJwtSecret } from './jwt-settings.js';
import { OrganisationsController } from './organisations.controller.js';
import { UserDirectoryModule } from './user-directory.module.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { OrganisationsService } from './organisations.service.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { RegistrationHooks } from './registration-hooks.js';
import { RegistrationLimiter } from './registration-limiter.js';
import { SessionTokensService } from './session-tokens.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { JwtStrategy } from './strategies/jwt.strategy.js';
import { LocalStrategy } from './strategies/local.strategy.js';
import { UserAccountsService } from './user-accounts.service.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/**
 * Accounts, organisations, sign-in and access control. Importing it (once, in the API's root
 * module) makes every route require an access token unless marked `@Public()`, and enforces
 * `@Roles(...)`. Other modules import it for RegistrationHooks, UsersService,
 * UserAccountsService and SessionTokensService (`revokeAllForUser`).
 */
@Module({
  imports: [
    MailModule,
    UserDirectoryModule,
    PassportModule.register({ session: false }),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: requireJwtSecret(config),
        signOptions: {
          algorithm: JWT_ALGORITHM,
          expiresIn: config.jwtAccessTtlSeconds,
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
        },
        verifyOptions: {
          algorithms: [JWT_ALGORITHM],
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
        },
      }),
    }),
  ],
  controllers: [AuthController, AccountRecoveryController, OrganisationsController],
  providers: [
    AccountTokensRepository,
    AccountRecoveryService,
    AccountSecurityHooks,
    PasswordResetLimiter,
    UsersRepository,
    OrganisationsRepository,
    RefreshTokensRepository,
    SessionsRepository,
    PasswordHasher,
    SessionTokensService,
    AuthService,
    OrganisationsService,
    UsersService,
    UserAccountsService,
    RegistrationHooks,
    AdminSeeder,
    JwtStrategy,
    LocalStrategy,
    LoginAttemptLimiter,
    RegistrationLimiter,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [
    UserDirectoryModule,
    RegistrationHooks,
    AccountSecurityHooks,
    UsersService,
    UserAccountsService,
    SessionTokensService,
  ],
})
export class IdentityModule {}
