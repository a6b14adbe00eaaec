import { seededRandom } from '../bench/profile-population.js';

/**
 * Which demo matches exist and how far each one went, as a pure plan: the demo step turns it
 * into API calls. The same opportunities, people and seed always give the same plan.
 */

/** Where a demo match ends: a match state, or `withdrawn` (the trainee cancels after accepting). */
export type DemoMatchOutcome =
  | 'shortlisted'
  | 'invited'
  | 'accepted'
  | 'declined'
  | 'hired'
  | 'completed'
  | 'cancelled'
  | 'withdrawn';

/** Who makes a move: a member of the organisation that created the match, the hiring party, the person. */
export type DemoMover = 'creator' | 'hirer' | 'trainee';

export interface DemoMove {
  to: 'invited' | 'accepted' | 'declined' | 'hired' | 'completed' | 'cancelled';
  by: DemoMover;
}

const INVITE: DemoMove = { to: 'invited', by: 'creator' };
const ACCEPT: DemoMove = { to: 'accepted', by: 'trainee' };
const HIRE: DemoMove = { to: 'hired', by: 'hirer' };

/** The moves after creation (which leaves a match `shortlisted`) that reach each outcome. */
export const DEMO_MATCH_MOVES: Record<DemoMatchOutcome, readonly DemoMove[]> = {
  shortlisted: [],
  invited: [INVITE],
  accepted: [INVITE, ACCEPT],
  declined: [INVITE, { to: 'declined', by: 'trainee' }],
  hired: [INVITE, ACCEPT, HIRE],
  completed: [INVITE, ACCEPT, HIRE, { to: 'completed', by: 'hirer' }],
  cancelled: [INVITE, { to: 'cancelled', by: 'creator' }],
  withdrawn: [INVITE, ACCEPT, { to: 'cancelled', by: 'trainee' }],
};

/**
 * The moves still to make for a match of `outcome` that is now in `state`: none when the match
 * has left the outcome's path (e.g. someone hired it after the demo data was written).
 */
export function remainingMoves(outcome: DemoMatchOutcome, state: string): readonly DemoMove[] {
  const moves = DEMO_MATCH_MOVES[outcome];
  const path = ['shortlisted', ...moves.map((m) => m.to)];
  const at = path.indexOf(state);
  return at < 0 ? [] : moves.slice(at);
}

export interface DemoOpportunity {
  id: string;
  kind: 'work_request' | 'listing';
  /** Demo organisation key of the company (work request) or broker (listing) that owns it. */
  owner: string;
  openings: number;
  programmeLinked: boolean;
  /** The occupation it hires for: matched people are of it when enough are visible. */
  occupation?: string;
  /** The weekly hours it asks for: hires agree on them. */
  hoursPerWeek?: number | null;
}

export interface DemoPerson {
  profileId: string;
  email: string;
  visibility: string;
  /** Completed at least one course. */
  trained: boolean;
  hourlyRateEur: number | null;
  occupation?: string;
}

export interface DemoMatchPlan {
  opportunity: DemoOpportunity;
  person: DemoPerson;
  /** Demo organisation key whose member creates the match and invites. */
  creator: string;
  outcome: DemoMatchOutcome;
  note: string | null;
  hire: { agreedRateEur: number; agreedHoursPerWeek: number };
  completion: { hoursWorked: number; incomeEur: number; rating: number; ratingComment: string };
  /** The trainee's rating of the engagement. */
  employerRating: { rating: number; comment: string };
}

/** Outcomes that do not take an opening, in the order opportunities are given them. */
const OTHER_OUTCOMES: readonly DemoMatchOutcome[] = [
  'shortlisted',
  'declined',
  'invited',
  'cancelled',
  'withdrawn',
];
/** Outcomes that hold or took an opening: every accepted match is left hireable. */
const TAKES_OPENING = new Set<DemoMatchOutcome>(['accepted', 'hired', 'completed']);

const NOTES: Partial<Record<DemoMatchOutcome, string>> = {
  declined: 'Took another offer',
  cancelled: 'The client postponed the work',
  withdrawn: 'Moving abroad for studies',
};
const TRAINEE_COMMENTS = ['Good first engagement', 'Reliable and quick', 'Excellent work, on time'];
const EMPLOYER_COMMENTS = ['Unclear tasks at first', 'Clear tasks, paid on time', 'Great team'];

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Who may see a person for each kind of opportunity up to the hire (see docs/brokering.md). */
const VISIBLE: Record<DemoOpportunity['kind'], readonly string[]> = {
  work_request: ['companies'],
  listing: ['brokers', 'companies'],
};

/**
 * Three matches per opportunity (five under a programme: two more completed engagements). A
 * work request gets a hire (completed where it is under a programme), an accepted match and one
 * other outcome; it is created alternately by the owning
 * company and by a broker. A listing, created by its broker, gets an accepted match first (so
 * every open listing has one its broker can hire), then a hire and one other outcome. Matches
 * holding an opening (accepted, hired, completed) never outnumber the openings; hires go to
 * trained people first.
 */
export function planDemoMatches(
  opportunities: readonly DemoOpportunity[],
  people: readonly DemoPerson[],
  brokers: readonly string[],
  seed: number,
): DemoMatchPlan[] {
  const rnd = seededRandom(seed);
  const cursors = new Map<string, number>();
  const counters = { work_request: 0, listing: 0 };
  const plans: DemoMatchPlan[] = [];
  for (const opportunity of opportunities) {
    const j = counters[opportunity.kind]++;
    const hire: DemoMatchOutcome =
      opportunity.programmeLinked || j % 2 === 0 ? 'completed' : 'hired';
    const wanted: DemoMatchOutcome[] =
      opportunity.kind === 'work_request'
        ? [hire, 'accepted', OTHER_OUTCOMES[j % OTHER_OUTCOMES.length]]
        : ['accepted', hire, OTHER_OUTCOMES[(j + 2) % OTHER_OUTCOMES.length]];
    // programme work gets more completed engagements, for the programme's results report
    if (opportunity.programmeLinked) wanted.unshift('completed', 'completed');
    const creator =
      opportunity.kind === 'listing' || j % 2 === 0
        ? opportunity.owner
        : brokers[Math.floor(j / 2) % brokers.length];
    const seen = people.filter((p) => VISIBLE[opportunity.kind].includes(p.visibility));
    const ofOccupation = seen.filter((p) => p.occupation === opportunity.occupation);
    // people of the occupation asked for, unless too few of them are visible
    const visible = ofOccupation.length >= wanted.length ? ofOccupation : seen;
    const group = visible === ofOccupation ? `:${opportunity.occupation}` : '';
    const used = new Set<string>();
    let openings = opportunity.openings;
    for (const [k, want] of wanted.entries()) {
      const outcome =
        TAKES_OPENING.has(want) && openings === 0
          ? OTHER_OUTCOMES[(j + k + 1) % OTHER_OUTCOMES.length]
          : want;
      if (TAKES_OPENING.has(outcome)) openings -= 1;
      const hired = outcome === 'hired' || outcome === 'completed';
      const trained = visible.filter((p) => p.trained);
      // trained people first, then anyone, so a short list of trained people leaves no slot empty
      const pool = hired && trained.some((p) => !used.has(p.profileId)) ? trained : visible;
      const person = nextUnused(
        pool,
        used,
        cursors,
        `${opportunity.kind}:${pool === trained}${group}`,
      );
      // drawn for every slot, so one slot's outcome never shifts another's numbers
      const rate = round2(8 + rnd() * 12);
      const hoursPerWeek = 10 + Math.floor(rnd() * 31);
      const weeks = 4 + Math.floor(rnd() * 9);
      const traineeRating = 3 + Math.floor(rnd() * 3);
      const employerRating = 3 + Math.floor(rnd() * 3);
      if (person === undefined) continue;
      used.add(person.profileId);
      const agreedRateEur = person.hourlyRateEur ?? rate;
      plans.push({
        opportunity,
        person,
        creator,
        outcome,
        note: NOTES[outcome] ?? null,
        hire: { agreedRateEur, agreedHoursPerWeek: opportunity.hoursPerWeek ?? hoursPerWeek },
        completion: {
          hoursWorked: (opportunity.hoursPerWeek ?? hoursPerWeek) * weeks,
          incomeEur: round2((opportunity.hoursPerWeek ?? hoursPerWeek) * weeks * agreedRateEur),
          rating: traineeRating,
          ratingComment: TRAINEE_COMMENTS[traineeRating - 3],
        },
        employerRating: { rating: employerRating, comment: EMPLOYER_COMMENTS[employerRating - 3] },
      });
    }
  }
  return plans;
}

/** The next person of `pool` (round robin per `key`) not yet matched to this opportunity. */
function nextUnused(
  pool: readonly DemoPerson[],
  used: ReadonlySet<string>,
  cursors: Map<string, number>,
  key: string,
): DemoPerson | undefined {
  const start = cursors.get(key) ?? 0;
  for (let i = 0; i < pool.length; i += 1) {
    const person = pool[(start + i) % pool.length];
    if (used.has(person.profileId)) continue;
    cursors.set(key, start + i + 1);
    return person;
  }
  return undefined;
}
