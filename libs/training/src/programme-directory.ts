import { TransactionRunner } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { ProgrammePriority } from './programme-priority.js';
import { ProgrammesService } from './programmes.service.js';
import type { ProgrammeRecord } from './training-records.js';

/**
 * What other libs read of donor programmes (matching: priorities and partners) instead of
 * reading the training tables themselves.
 */
@Injectable()
export class ProgrammeDirectory {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly programmes: ProgrammesService,
  ) {}

  /** The programme with its partners, or null for an unknown one. */
  find(programmeId: string): Promise<ProgrammeRecord | null> {
    return this.programmes.find(this.tx.manager, programmeId);
  }

  /** The inclusion priorities of a programme, for matching's boost; null for an unknown programme. */
  async findPriorities(programmeId: string): Promise<readonly ProgrammePriority[] | null> {
    return (await this.find(programmeId))?.priorities ?? null;
  }

  /** Whether the organisation is a partner of the programme (brokers of partners report on it). */
  async isPartner(programmeId: string, organisationId: string): Promise<boolean> {
    return (await this.find(programmeId))?.partners.includes(organisationId) ?? false;
  }
}
