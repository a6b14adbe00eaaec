import type { AuthUser } from '@app/identity';
import type { MatchEventDto, MatchResponseDto } from './dto/match.dto.js';
import type { MatchEventRecord, MatchRecord } from './matches.repository.js';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());
const money = (v: string | null): number | null => (v === null ? null : Number(v));

/**
 * A match as `viewer` may see it: the person's public summary (or an anonymous placeholder once
 * they erased their data); the parties' internal note is not shown to the trainee.
 */
export function toMatchResponse(r: MatchRecord, viewer: AuthUser): MatchResponseDto {
  const erased = r.profileErased;
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
      displayName: erased ? null : r.displayName,
      headline: erased ? null : r.headline,
      country: erased ? null : r.country,
      city: erased ? null : r.city,
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
    shortlistedAt: new Date(r.shortlistedAt).toISOString(),
    invitedAt: iso(r.invitedAt),
    answeredAt: iso(r.answeredAt),
    hiredAt: iso(r.hiredAt),
    completedAt: iso(r.completedAt),
    cancelledAt: iso(r.cancelledAt),
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** An audit event; a trainee reads the notes of their own moves only. */
export function toMatchEvent(e: MatchEventRecord, viewer: AuthUser): MatchEventDto {
  const hideNote = viewer.role === 'trainee' && e.actorUserId !== viewer.id;
  return {
    id: e.id,
    fromState: e.fromState,
    toState: e.toState,
    actorRole: e.actorRole,
    actorUserId: e.actorUserId,
    note: hideNote ? null : e.note,
    createdAt: new Date(e.createdAt).toISOString(),
  };
}
