export { TrainingModule } from './training.module.js';
export { CourseOffers, MAX_OFFERS_PER_SKILL, offerKey, type CohortOffer } from './course-offers.js';
export { ProgrammeDirectory } from './programme-directory.js';
export { CredentialKeysService, JWKS_PATH, type SigningKey } from './credential-keys.service.js';
export type { ProgrammePriority } from './programme-priority.js';
export type {
  CertificateRecord,
  CohortRecord,
  CourseRecord,
  EnrolmentRecord,
  ProgrammeRecord,
} from './training-records.js';
export * from './training-values.js';
export * from './training.errors.js';
