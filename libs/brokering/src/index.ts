export * from './brokering.errors.js';
export * from './brokering.module.js';
export {
  FINAL_STATES,
  MATCH_ACTORS,
  MATCH_STATES,
  type MatchActor,
  type MatchOpportunityKind,
  type MatchState,
} from './match-transitions.js';
