import { APP_CONFIG, type AppConfig } from '@app/config';
import { TaxonomyService } from '@app/taxonomy';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  assessListingRisk,
  loadListingRiskConfig,
  type ListingRisk,
  type ListingRiskConfig,
  type RiskFinding,
} from './listing-risk.js';
import {
  ListingVettingRepository,
  type OpportunityEventRow,
  type OpportunityEventWrite,
} from './listing-vetting.repository.js';
import type {
  ListingProvenance,
  OpportunityValues,
  OpportunityWrite,
} from './opportunity-values.js';
import type { OpportunityStatus } from './opportunity-vocabulary.js';

export const LISTING_RISK_CONFIG = Symbol('LISTING_RISK_CONFIG');

/** The rules file, read and validated once at start-up (a bad file stops the process). */
export const listingRiskConfigProvider: Provider = {
  provide: LISTING_RISK_CONFIG,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => loadListingRiskConfig(config.listingRiskConfigPath),
};

/** Scores listings for scam risk and keeps their audit trail. */
@Injectable()
export class ListingVetting {
  constructor(
    private readonly repository: ListingVettingRepository,
    private readonly taxonomy: TaxonomyService,
    @Inject(LISTING_RISK_CONFIG) private readonly config: ListingRiskConfig,
  ) {}

  async assess(values: OpportunityValues, provenance: ListingProvenance): Promise<ListingRisk> {
    return (await this.assessMany([{ values, provenance }]))[0];
  }

  /** One look-up of skill categories (the taxonomy's) for all of them. */
  async assessMany(
    items: { values: OpportunityValues; provenance: ListingProvenance }[],
  ): Promise<ListingRisk[]> {
    const categories = await this.taxonomy.skillCategories(
      items.flatMap((i) => i.values.skills.map((s) => s.skillId)),
    );
    return items.map(({ values, provenance }) =>
      assessListingRisk(
        {
          values,
          source: provenance.source,
          sourceUrl: provenance.sourceUrl,
          skillCategories: values.skills.flatMap((s) => categories.get(s.skillId) ?? []),
        },
        this.config,
      ),
    );
  }

  /** open → review with an audit entry; false when the listing was not open. */
  async holdForReview(
    manager: EntityManager,
    id: string,
    actor: { id: string; role: string } | null,
    note: string,
  ): Promise<boolean> {
    if (!(await this.repository.moveOpenToReview(manager, id))) return false;
    await this.record(manager, [
      {
        opportunityId: id,
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? null,
        fromStatus: 'open',
        toStatus: 'review',
        note,
      },
    ]);
    return true;
  }

  /** An organisation's listings by source URL with their status, locked for an import. */
  lockStatuses(
    manager: EntityManager,
    organisationId: string,
    sourceUrls: string[],
  ): Promise<Map<string, OpportunityStatus>> {
    return this.repository.lockStatusesBySourceUrl(manager, organisationId, sourceUrls);
  }

  /** Audit entries for imported listings that were created or changed status. */
  async recordImported(
    manager: EntityManager,
    actor: { id: string; role: string },
    written: { id: string; sourceUrl: string; status: OpportunityStatus }[],
    before: Map<string, OpportunityStatus>,
    writes: OpportunityWrite[],
  ): Promise<void> {
    const risks = new Map(writes.map((w) => [w.listing?.sourceUrl, w.risk]));
    const events: OpportunityEventWrite[] = [];
    for (const w of written) {
      const from = before.get(w.sourceUrl) ?? null;
      if (from === w.status) continue;
      const risk = risks.get(w.sourceUrl);
      events.push({
        opportunityId: w.id,
        actorId: actor.id,
        actorRole: actor.role,
        fromStatus: from,
        toStatus: w.status,
        note: `import; ${risk === undefined ? 'risk low' : riskNote(risk)}`,
      });
    }
    await this.record(manager, events);
  }

  record(manager: EntityManager, events: OpportunityEventWrite[]): Promise<void> {
    return this.repository.insertEvents(manager, events);
  }

  events(manager: EntityManager, opportunityId: string): Promise<OpportunityEventRow[]> {
    return this.repository.findEvents(manager, opportunityId);
  }
}

/** The note an audit entry carries about a listing's risk. */
export function riskNote(risk: {
  level: ListingRisk['level'];
  findings: readonly RiskFinding[];
}): string {
  if (risk.findings.length === 0) return `risk ${risk.level}`;
  return `risk ${risk.level}: ${risk.findings.map((f) => f.rule).join(', ')}`;
}
