import { TaxonomyService } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import type { ListingResponseDto, WorkRequestResponseDto } from './dto/opportunity-response.dto.js';
import type { OpportunityRecord } from './opportunity-record.js';
import { toListingResponse, toWorkRequestResponse } from './opportunity.mapper.js';

/**
 * Work requests and listings as answered: every skill requirement carries the skill's name,
 * looked up once per answer for all the opportunities in it.
 */
@Injectable()
export class OpportunityResponses {
  constructor(private readonly taxonomy: TaxonomyService) {}

  async workRequests(rows: readonly OpportunityRecord[]): Promise<WorkRequestResponseDto[]> {
    const names = await this.namesOf(rows);
    return rows.map((o) => toWorkRequestResponse(o, names));
  }

  async workRequest(row: OpportunityRecord): Promise<WorkRequestResponseDto> {
    return (await this.workRequests([row]))[0];
  }

  async listings(rows: readonly OpportunityRecord[]): Promise<ListingResponseDto[]> {
    const names = await this.namesOf(rows);
    return rows.map((o) => toListingResponse(o, names));
  }

  async listing(row: OpportunityRecord): Promise<ListingResponseDto> {
    return (await this.listings([row]))[0];
  }

  private namesOf(rows: readonly OpportunityRecord[]): Promise<ReadonlyMap<string, string>> {
    return this.taxonomy.answerSkillNames(rows.flatMap((o) => o.skills.map((s) => s.skillId)));
  }
}
