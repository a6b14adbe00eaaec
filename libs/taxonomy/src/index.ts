export * from './dto/skill.dto.js';
export * from './entities/skill-alias.entity.js';
export * from './entities/skill.entity.js';
export * from './skill-seeder.js';
export * from './skills.search-index.js';
export * from './taxonomy.errors.js';
export * from './taxonomy.module.js';
export * from './taxonomy.service.js';
