export * from './embedded-meilisearch.js';
export * from './embedded-postgres.js';
export * from './embedded-services.js';
export * from './free-port.js';
export * from './path-access.js';
export * from './secret-file.js';
export * from './supervised-server.js';
export * from './smtp-sink.js';
