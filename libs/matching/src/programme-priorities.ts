import { ProgrammeNotFoundError, ProgrammesService } from '@app/training';
import { Injectable } from '@nestjs/common';
import type { ProgrammePriority } from './match-types.js';

export interface ProgrammeFacts {
  id: string;
  code: string;
  priorities: ProgrammePriority[];
}

/**
 * What matching needs to know about a donor programme (from the training lib): its code
 * (weights may be overridden by id or by code) and its inclusion priorities.
 */
@Injectable()
export class ProgrammePriorities {
  constructor(private readonly programmes: ProgrammesService) {}

  /** Undefined for an unknown programme: its requests score with the default weights. */
  async find(programmeId: string): Promise<ProgrammeFacts | undefined> {
    try {
      const p = await this.programmes.get(programmeId);
      return { id: p.id, code: p.code, priorities: p.priorities };
    } catch (error) {
      if (error instanceof ProgrammeNotFoundError) return undefined;
      throw error;
    }
  }
}
