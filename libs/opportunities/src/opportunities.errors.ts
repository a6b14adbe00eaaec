import { ConflictError, DomainError, NotFoundError } from '@app/http';
import type { OpportunityKind, OpportunityStatus } from './opportunity-vocabulary.js';

const noun = (kind: OpportunityKind): string =>
  kind === 'work_request' ? 'Work request' : 'Listing';

/** Unknown id, or one the caller may not see: the two are deliberately indistinguishable. */
export class OpportunityNotFoundError extends NotFoundError {
  constructor(kind: OpportunityKind) {
    super(noun(kind));
  }
}

/** Publishing needs what a candidate must know; `missing` names each absent field. */
export class OpportunityNotPublishableError extends ConflictError {
  constructor(kind: OpportunityKind, missing: { field: string; message: string }[]) {
    super(
      'OPPORTUNITY_NOT_PUBLISHABLE',
      `${noun(kind)} cannot be published: ${missing.map((m) => `${m.field} ${m.message}`).join('; ')}`,
      { missing },
    );
  }
}

/** Closed and filled requests are history: no more edits. */
export class OpportunityNotEditableError extends ConflictError {
  constructor(kind: OpportunityKind, status: OpportunityStatus) {
    super('OPPORTUNITY_NOT_EDITABLE', `${noun(kind)} is ${status} and can no longer be changed`, {
      status,
    });
  }
}

/** A lifecycle move that the current status does not allow (e.g. publishing a closed request). */
export class OpportunityTransitionError extends ConflictError {
  constructor(kind: OpportunityKind, from: OpportunityStatus, to: OpportunityStatus) {
    super('OPPORTUNITY_ILLEGAL_TRANSITION', `${noun(kind)} is ${from} and cannot become ${to}`, {
      status: from,
    });
  }
}

/** The organisation already brokers a listing from this page (import would update it instead). */
export class ListingSourceUrlTakenError extends ConflictError {
  constructor() {
    super(
      'LISTING_SOURCE_URL_TAKEN',
      'Your organisation already has a listing with this sourceUrl; edit it or re-import',
    );
  }
}

/**
 * Only partners of a programme (admins, brokers of its partner organisations) attach a request or
 * listing to it, change or remove that: a programme's priorities weigh inclusion data, and whoever
 * could move an opportunity between programmes could compare rankings to infer that data.
 */
export class ProgrammePartnersOnlyError extends DomainError {
  constructor(programmeId: string) {
    super(
      'PROGRAMME_PARTNERS_ONLY',
      403,
      'Only an admin or a broker of a partner organisation of the programme may attach an opportunity to it, change or remove it',
      {
        programmeId,
        errors: [{ field: 'programmeId', message: 'not a partner of this programme' }],
      },
    );
  }
}
