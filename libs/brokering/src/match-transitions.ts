import type { FieldError } from '@app/http';

/**
 * The match workflow as pure rules: which state may follow which, who may make each move, and
 * what data a move needs. Services ask these; nothing here touches a database.
 */

export const MATCH_STATES = [
  'applied',
  'shortlisted',
  'invited',
  'accepted',
  'declined',
  'rejected',
  'withdrawn',
  'hired',
  'completed',
  'cancelled',
] as const;
export type MatchState = (typeof MATCH_STATES)[number];

/** Ended matches: nothing follows, and the pair may be matched again. */
export const FINAL_STATES: readonly MatchState[] = [
  'declined',
  'rejected',
  'withdrawn',
  'completed',
  'cancelled',
];

/** Who acts, as the workflow sees them. */
export const MATCH_ACTORS = ['trainee', 'company', 'broker', 'admin'] as const;
export type MatchActor = (typeof MATCH_ACTORS)[number];

export type MatchOpportunityKind = 'work_request' | 'listing';

/** Those who run the process: the owning company, the brokering organisation, platform staff. */
const PARTIES: readonly MatchActor[] = ['company', 'broker', 'admin'];

/** Who hires and completes: the company for its work requests, the broker for listings. */
function hiringParty(kind: MatchOpportunityKind): readonly MatchActor[] {
  return kind === 'work_request' ? ['company', 'admin'] : ['broker', 'admin'];
}

type Movers = (kind: MatchOpportunityKind) => readonly MatchActor[];

const GRAPH: Record<MatchState, Partial<Record<MatchState, Movers>>> = {
  // A trainee's application: the parties take it further or turn it down; the person may take
  // it back. (Nothing is "cancelled" here: rejected and withdrawn say who ended it.)
  applied: {
    shortlisted: () => PARTIES,
    invited: () => PARTIES,
    rejected: () => PARTIES,
    withdrawn: () => ['trainee'],
  },
  shortlisted: { invited: () => PARTIES, cancelled: () => PARTIES },
  // Only the person answers an invitation; the parties may still withdraw it.
  invited: { accepted: () => ['trainee'], declined: () => ['trainee'], cancelled: () => PARTIES },
  // Until hired, the person may withdraw an acceptance too.
  accepted: { hired: hiringParty, cancelled: () => [...PARTIES, 'trainee'] },
  hired: { completed: hiringParty, cancelled: () => PARTIES },
  declined: {},
  rejected: {},
  withdrawn: {},
  completed: {},
  cancelled: {},
};

/** Every state that may follow `from`, whoever moves. */
export function nextStates(from: MatchState): MatchState[] {
  return MATCH_STATES.filter((to) => GRAPH[from][to] !== undefined);
}

/** The moves `actor` may make from `from` on a match of an opportunity of `kind`. */
export function allowedMoves(
  from: MatchState,
  actor: MatchActor,
  kind: MatchOpportunityKind,
): MatchState[] {
  return nextStates(from).filter((to) => GRAPH[from][to]?.(kind).includes(actor) === true);
}

export type MoveVerdict =
  | { ok: true }
  /** `illegal`: no one may make this move now; `not_yours`: someone else must make it. */
  | { ok: false; reason: 'illegal' | 'not_yours'; allowedMoves: MatchState[] };

export function checkMove(
  from: MatchState,
  to: MatchState,
  actor: MatchActor,
  kind: MatchOpportunityKind,
): MoveVerdict {
  const mine = allowedMoves(from, actor, kind);
  if (mine.includes(to)) return { ok: true };
  const reason = nextStates(from).includes(to) ? 'not_yours' : 'illegal';
  return { ok: false, reason, allowedMoves: mine };
}

/** What a transition request may carry besides `to`. */
export interface TransitionFields {
  note?: string;
  agreedRateEur?: number;
  agreedHoursPerWeek?: number;
  hoursWorked?: number;
  incomeEur?: number;
  rating?: number;
  ratingComment?: string;
}

type FieldName = keyof TransitionFields;

/** Data each target state needs (required) or takes (optional); `note` goes with any move. */
const TARGET_FIELDS: Partial<Record<MatchState, { required: FieldName[]; optional: FieldName[] }>> =
  {
    hired: { required: ['agreedRateEur'], optional: ['agreedHoursPerWeek'] },
    completed: { required: ['hoursWorked', 'incomeEur'], optional: ['rating', 'ratingComment'] },
  };

const ALL_FIELDS: FieldName[] = [
  'agreedRateEur',
  'agreedHoursPerWeek',
  'hoursWorked',
  'incomeEur',
  'rating',
  'ratingComment',
];

/** Missing data the target state needs, and data it does not take, each naming its field. */
export function transitionFieldProblems(to: MatchState, fields: TransitionFields): FieldError[] {
  const spec = TARGET_FIELDS[to] ?? { required: [], optional: [] };
  const problems: FieldError[] = [];
  for (const name of spec.required) {
    if (fields[name] === undefined || fields[name] === null) {
      problems.push({ field: name, message: `${name} is required to move a match to ${to}` });
    }
  }
  for (const name of ALL_FIELDS) {
    if (spec.required.includes(name) || spec.optional.includes(name)) continue;
    if (fields[name] !== undefined && fields[name] !== null) {
      problems.push({ field: name, message: `${name} is not taken when moving a match to ${to}` });
    }
  }
  if (fields.ratingComment !== undefined && fields.rating === undefined && to === 'completed') {
    problems.push({ field: 'rating', message: 'rating is required with a ratingComment' });
  }
  return problems;
}

/** The webhook event a move announces. */
export function eventOf(to: MatchState): `match.${MatchState}` {
  return `match.${to}`;
}
