import type { AuthUser } from '@app/identity';
import { ProgrammeDirectory } from '@app/training';
import { Injectable } from '@nestjs/common';
import type { ProgrammePriority } from './match-types.js';

export interface ProgrammeFacts {
  id: string;
  code: string;
  priorities: ProgrammePriority[];
  /** Partner organisations: their brokers see per-person boosts. */
  partners: string[];
}

/**
 * What matching needs to know about a donor programme (from the training lib): its code
 * (weights may be overridden by id or by code), its inclusion priorities and its partners (who
 * may see them weigh on each person).
 */
@Injectable()
export class ProgrammePriorities {
  constructor(private readonly programmes: ProgrammeDirectory) {}

  /** Undefined for an unknown programme: its requests score with the default weights. */
  async find(programmeId: string): Promise<ProgrammeFacts | undefined> {
    const p = await this.programmes.find(programmeId);
    if (p === null) return undefined;
    return { id: p.id, code: p.code, priorities: [...p.priorities], partners: [...p.partners] };
  }
}

/**
 * Whether a ranking shown to `viewer` may weigh the programme's priorities, and so show who they
 * lifted: admins, brokers of the programme's partner organisations, and a trainee ranking
 * opportunities for themselves (their own data). Companies and brokers of other organisations
 * get the ranking computed as if no priority applied (docs/matching.md).
 */
export function weighsPriorities(viewer: AuthUser, programme: ProgrammeFacts | undefined): boolean {
  if (programme === undefined) return false;
  switch (viewer.role) {
    case 'admin':
    case 'trainee':
      return true;
    case 'broker':
      return viewer.organisationId !== null && programme.partners.includes(viewer.organisationId);
    default:
      return false;
  }
}
