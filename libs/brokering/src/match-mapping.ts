import type { AuthUser } from '@app/identity';
import { visibilitiesFor } from '@app/profiles';
import type { MatchEventDto, MatchResponseDto } from './dto/match.dto.js';
import type { MatchEventRecord, MatchRecord } from './match-records.js';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());
const money = (v: string | null): number | null => (v === null ? null : Number(v));

/**
 * Whether `viewer` may see the person's profile now, by the same rule as `GET /api/profiles/:id`
 * (not erased, and a visibility the viewer's role may read). Judged at every read and move, since
 * the trainee may have changed their visibility after the match was made. A trainee only ever
 * reads matches on their own profile.
 */
export function profileVisibleTo(r: MatchRecord, viewer: AuthUser): boolean {
  if (viewer.role === 'trainee') return true;
  return (
    !r.profileErased &&
    (visibilitiesFor(viewer.role) as readonly string[]).includes(r.profileVisibility)
  );
}

/**
 * A match as `viewer` may see it: the person's public summary while their profile is visible to
 * the viewer, only its id when it is not, an anonymous placeholder once they erased their data;
 * the parties' internal note is not shown to the trainee.
 */
export function toMatchResponse(r: MatchRecord, viewer: AuthUser): MatchResponseDto {
  const erased = r.profileErased;
  const shown = profileVisibleTo(r, viewer);
  return {
    id: r.id,
    state: r.state,
    opportunity: {
      id: r.opportunityId,
      kind: r.opportunityKind,
      title: r.opportunityTitle,
      status: r.opportunityStatus,
    },
    profile: {
      id: erased ? null : r.profileId,
      erased,
      hidden: !erased && !shown,
      displayName: shown ? r.displayName : null,
      headline: shown ? r.headline : null,
      country: shown ? r.country : null,
      city: shown ? r.city : null,
    },
    organisationId: r.organisationId,
    note: viewer.role === 'trainee' ? null : r.note,
    agreedRateEur: money(r.agreedRateEur),
    agreedHoursPerWeek: r.agreedHoursPerWeek,
    hoursWorked: money(r.hoursWorked),
    incomeEur: money(r.incomeEur),
    traineeRating:
      r.traineeRating === null
        ? null
        : { rating: r.traineeRating, comment: r.traineeRatingComment },
    employerRating:
      r.employerRating === null
        ? null
        : { rating: r.employerRating, comment: r.employerRatingComment },
    appliedAt: iso(r.appliedAt),
    shortlistedAt: iso(r.shortlistedAt),
    invitedAt: iso(r.invitedAt),
    answeredAt: iso(r.answeredAt),
    hiredAt: iso(r.hiredAt),
    completedAt: iso(r.completedAt),
    cancelledAt: iso(r.cancelledAt),
    rejectedAt: iso(r.rejectedAt),
    withdrawnAt: iso(r.withdrawnAt),
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/**
 * An audit event; a trainee reads the notes of their own moves only. A reader who may not see
 * the person's profile does not learn who they are from the trail either: the trainee's own
 * events show neither their user id nor their note.
 */
export function toMatchEvent(
  e: MatchEventRecord,
  viewer: AuthUser,
  profileVisible: boolean,
): MatchEventDto {
  const hideNote = viewer.role === 'trainee' && e.actorUserId !== viewer.id;
  const hidePerson = !profileVisible && e.actorRole === 'trainee';
  return {
    id: e.id,
    fromState: e.fromState,
    toState: e.toState,
    actorRole: e.actorRole,
    actorUserId: hidePerson ? null : e.actorUserId,
    note: hideNote || hidePerson ? null : e.note,
    createdAt: new Date(e.createdAt).toISOString(),
  };
}
