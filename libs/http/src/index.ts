export * from './configure-app.js';
export * from './domain-error.js';
export * from './logging.module.js';
export * from './openapi.js';
export * from './problem-details.filter.js';
export * from './validation.js';
export * from './page-cursor.js';
export * from './page-query.dto.js';
