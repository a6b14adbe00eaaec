import { TransactionRunner } from '@app/database';
import {
  InputValidationError,
  pageRequest,
  toPage,
  type FieldError,
  type PageQueryDto,
} from '@app/http';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreateProgrammeDto } from './dto/programme.dto.js';
import { dateOrderErrors, toProgrammePriorities } from './programme-rules.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { TrainingDirectory } from './training-directory.js';
import { ProgrammeCodeTakenError, ProgrammeNotFoundError } from './training.errors.js';
import type { ProgrammeRecord, RecordPage } from './training-records.js';

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly programmes: ProgrammesRepository,
    private readonly directory: TrainingDirectory,
  ) {}

  async create(dto: CreateProgrammeDto): Promise<ProgrammeRecord> {
    const { priorities, errors } = toProgrammePriorities(dto.priorities ?? []);
    errors.push(...dateOrderErrors(dto.startsOn, dto.endsOn));
    const partners = [...new Set((dto.partners ?? []).map((id) => id.toLowerCase()))];
    return this.transactions.run(async (manager) => {
      errors.push(...(await this.partnerErrors(manager, dto.partners ?? [])));
      if (errors.length > 0) throw new InputValidationError(errors);
      const programme = await this.programmes.insertUnlessCodeTaken(manager, {
        name: dto.name,
        code: dto.code,
        donor: dto.donor ?? null,
        countries: [...new Set(dto.countries)],
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        priorities,
      });
      if (programme === null) throw new ProgrammeCodeTakenError(dto.code);
      await this.programmes.insertPartners(manager, programme.id, partners);
      return { ...programme, partners: [...partners].sort() };
    });
  }

  async get(id: string): Promise<ProgrammeRecord> {
    const programme = await this.transactions.run((manager) => this.find(manager, id));
    if (programme === null) throw new ProgrammeNotFoundError();
    return programme;
  }

  /** The programme with its partners, or null. */
  async find(manager: EntityManager, id: string): Promise<ProgrammeRecord | null> {
    const programme = await this.programmes.findById(manager, id);
    if (programme === null) return null;
    const partners = await this.programmes.findPartnerIds(manager, [id]);
    return { ...programme, partners: partners.get(id) ?? [] };
  }

  async list(query: PageQueryDto): Promise<RecordPage<ProgrammeRecord>> {
    const { after, limit } = pageRequest(query);
    return this.transactions.run(async (manager) => {
      const page = toPage(await this.programmes.findPage(manager, after, limit + 1), limit);
      const partners = await this.programmes.findPartnerIds(
        manager,
        page.rows.map((p) => p.id),
      );
      return {
        items: page.rows.map((p) => ({ ...p, partners: partners.get(p.id) ?? [] })),
        nextCursor: page.nextCursor,
      };
    });
  }

  /** Each partner must be a membership organisation; errors name `partners[i]`. */
  private async partnerErrors(manager: EntityManager, ids: string[]): Promise<FieldError[]> {
    const found = await this.directory.findOrganisations(manager, [
      ...new Set(ids.map((id) => id.toLowerCase())),
    ]);
    const byId = new Map(found.map((o) => [o.id, o]));
    const errors: FieldError[] = [];
    ids.forEach((id, i) => {
      const organisation = byId.get(id.toLowerCase());
      if (organisation === undefined) {
        errors.push({ field: `partners[${i}]`, message: 'no organisation has this id' });
      } else if (organisation.type !== 'membership_org') {
        errors.push({ field: `partners[${i}]`, message: 'must be a membership organisation' });
      }
    });
    return errors;
  }
}
