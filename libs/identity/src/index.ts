export * from './account-security-hooks.js';
export * from './auth-user.js';
export * from './decorators.js';
export * from './dto/user.dto.js';
export * from './identity.errors.js';
export * from './identity.module.js';
export {
  OrganisationDirectory,
  type OrganisationName,
  type OrganisationRef,
} from './organisation-directory.js';
export * from './ownership.js';
export * from './password-policy.js';
export * from './registration-hooks.js';
export * from './roles.js';
export { SessionTokensService, type TokenPair } from './session-tokens.service.js';
export * from './user-accounts.service.js';
export {
  UserDirectory,
  type UserContact,
  type UserFacts,
  type UserName,
} from './user-directory.js';
export { UserDirectoryModule } from './user-directory.module.js';
export {
  UsersService,
  type RegisteredUser,
  type UserAccount,
  type UserSummary,
} from './users.service.js';
export * from './parse-id.pipe.js';
