export * from './dto/profile-response.dto.js';
export * from './entities/profile.entity.js';
export * from './profile-search-document.js';
export * from './profile-values.js';
export * from './profiles-index.module.js';
export * from './profiles.errors.js';
export * from './profiles.module.js';
export { ProfilesService, visibilitiesFor } from './profiles.service.js';
