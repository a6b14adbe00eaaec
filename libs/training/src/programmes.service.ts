import { TransactionRunner } from '@app/database';
import { InputValidationError, pageRequest, type FieldError } from '@app/http';
import type { ProgrammePriority } from './programme-priority.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CreateProgrammeDto,
  ProgrammePageDto,
  ProgrammeResponseDto,
} from './dto/programme.dto.js';
import type { PageQueryDto } from './dto/page-query.dto.js';
import { toPage } from './page-cursor.js';
import { dateOrderErrors, toProgrammePriorities } from './programme-rules.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { TrainingDirectoryRepository } from './training-directory.repository.js';
import { ProgrammeCodeTakenError, ProgrammeNotFoundError } from './training.errors.js';
import { toProgrammeResponse } from './training-mapping.js';

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly programmes: ProgrammesRepository,
    private readonly directory: TrainingDirectoryRepository,
  ) {}

  async create(dto: CreateProgrammeDto): Promise<ProgrammeResponseDto> {
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
      return toProgrammeResponse(programme, [...partners].sort());
    });
  }

  async get(id: string): Promise<ProgrammeResponseDto> {
    return this.transactions.run(async (manager) => {
      const programme = await this.programmes.findById(manager, id);
      if (programme === null) throw new ProgrammeNotFoundError();
      const partners = await this.programmes.findPartnerIds(manager, [id]);
      return toProgrammeResponse(programme, partners.get(id) ?? []);
    });
  }

  /**
   * The inclusion priorities of a programme, for matching's boost; null for an unknown programme.
   */
  async findPriorities(programmeId: string): Promise<ProgrammePriority[] | null> {
    const programme = await this.transactions.run((manager) =>
      this.programmes.findById(manager, programmeId),
    );
    return programme?.priorities ?? null;
  }

  /** Whether the organisation is a partner of the programme (brokers of partners report on it). */
  async isPartner(programmeId: string, organisationId: string): Promise<boolean> {
    const partners = await this.transactions.run((manager) =>
      this.programmes.findPartnerIds(manager, [programmeId]),
    );
    return partners.get(programmeId)?.includes(organisationId) ?? false;
  }

  async list(query: PageQueryDto): Promise<ProgrammePageDto> {
    const { after, limit } = pageRequest(query);
    return this.transactions.run(async (manager) => {
      const page = toPage(await this.programmes.findPage(manager, after, limit + 1), limit);
      const partners = await this.programmes.findPartnerIds(
        manager,
        page.rows.map((p) => p.id),
      );
      return {
        items: page.rows.map((p) => toProgrammeResponse(p, partners.get(p.id) ?? [])),
        nextCursor: page.nextCursor,
      };
    });
  }

  /** Each partner must be a membership organisation; errors name `partners[i]`. */
  private async partnerErrors(manager: EntityManager, ids: string[]): Promise<FieldError[]> {
    const found = await this.directory.findOrganisationsByIds(manager, [
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
