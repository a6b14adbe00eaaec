export * from './brokering.errors.js';
export * from './brokering.module.js';
export * from './dto/match.dto.js';
export * from './match-transitions.js';
