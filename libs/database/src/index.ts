export * from './database.module.js';
export * from './prepared-statements.js';
export * from './run-migrations.js';
export * from './transaction-runner.js';
export * from './typeorm-options.js';
export * from './typed-queries.js';
export * from './unique-violation.js';
