import type { EnrolmentStatus } from './training-values.js';

export type EnrolmentOutcome = 'completed' | 'dropped';

/**
 * What asking to finish an enrolment with `outcome` does: `apply` the change, `repeat` an
 * identical earlier request (answered with the earlier result, nothing changes), or `conflict`
 * because the enrolment already ended the other way (completed ↔ dropped is never allowed).
 */
export function decideEnrolmentOutcome(
  current: EnrolmentStatus,
  outcome: EnrolmentOutcome,
): 'apply' | 'repeat' | 'conflict' {
  if (current === 'enrolled') return 'apply';
  return current === outcome ? 'repeat' : 'conflict';
}
