import { scoreCandidate, type MatchScore, type ScoringContext } from './match-score.js';
import type { Candidate, ConsentedInclusion, Opportunity } from './match-types.js';

/**
 * A trainee's score for one opportunity, as recommendations and search fit compute it: the
 * consented inclusion data counts only where the programme has priorities.
 */
export function traineeScore(
  candidate: Candidate,
  inclusion: ConsentedInclusion | undefined,
  o: Opportunity,
  ctx: ScoringContext,
): MatchScore {
  return scoreCandidate(
    ctx.priorities.length > 0 && inclusion !== undefined ? { ...candidate, inclusion } : candidate,
    o,
    ctx,
  );
}
