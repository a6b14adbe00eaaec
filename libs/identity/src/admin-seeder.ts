import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from './password-hasher.js';
import { checkPassword } from './password-policy.js';
import { UsersRepository } from './users.repository.js';

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when the API starts. Idempotent:
 * an existing account with that e-mail is left alone (its password is not reset), and two
 * instances starting at once cannot create two admins (unique e-mail, ON CONFLICT DO NOTHING).
 */
@Injectable()
export class AdminSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail: email, adminPassword: password } = this.config;
    if (email === undefined || password === undefined) return;
    if ((await this.users.findActiveByEmail(email)) !== null) return;
    const problems = checkPassword(password, { email });
    if (problems.length > 0) {
      throw new Error(`ADMIN_PASSWORD ${problems.join('; ')}`);
    }
    const created = await this.users.insertIfEmailFree({
      email,
      passwordHash: await this.hasher.hash(password),
      displayName: 'Administrator',
      role: 'admin',
      organisationId: null,
    });
    if (created) this.logger.log(`created the first admin account ${email}`);
  }
}
