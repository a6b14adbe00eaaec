import { Injectable } from '@nestjs/common';
import type { ProgrammePriority } from './match-types.js';

export interface ProgrammeFacts {
  id: string;
  code: string | undefined;
  priorities: ProgrammePriority[];
}

/**
 * What matching needs to know about a donor programme: its code (weights may be overridden by
 * id or code) and its inclusion priorities.
 */
@Injectable()
export class ProgrammePriorities {
  async find(programmeId: string): Promise<ProgrammeFacts | undefined> {
    return { id: programmeId, code: undefined, priorities: [] };
  }
}
