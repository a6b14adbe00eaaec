import { Module } from '@nestjs/common';
import { OrganisationDirectory } from './organisation-directory.js';
import { UserDirectory } from './user-directory.js';

/**
 * Identity's batched reads for other libs (users' contacts and names, organisations' names),
 * without routes, guards or accounts: the worker and libs below the API load it on its own.
 * `IdentityModule` exports it too.
 */
@Module({
  providers: [UserDirectory, OrganisationDirectory],
  exports: [UserDirectory, OrganisationDirectory],
})
export class IdentityDirectoryModule {}
