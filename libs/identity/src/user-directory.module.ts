import { Module } from '@nestjs/common';
import { OrganisationDirectory } from './organisation-directory.js';
import { UserDirectory } from './user-directory.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/**
 * What other libs may read about users and organisations — `UsersService`, the batched reads of
 * `UserDirectory` and `OrganisationDirectory` — without routes, guards or sign-in: for modules
 * the worker loads too, which has no accounts. `IdentityModule` exports it as well.
 */
@Module({
  providers: [UsersRepository, UsersService, UserDirectory, OrganisationDirectory],
  exports: [UsersService, UserDirectory, OrganisationDirectory],
})
export class UserDirectoryModule {}
