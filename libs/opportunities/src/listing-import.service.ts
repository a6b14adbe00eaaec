import { TransactionRunner } from '@app/database';
import { InputValidationError, type FieldError } from '@app/http';
import { scopeToOrganisation, type AuthUser } from '@app/identity';
import { OutboxWriter } from '@app/search';
import { TaxonomyService } from '@app/taxonomy';
import { Injectable, Logger } from '@nestjs/common';
import type { ListingImportResultDto } from './dto/opportunity-response.dto.js';
import {
  parseImportRow,
  readCsvRows,
  readJsonRows,
  type ParsedImportRow,
} from './listing-import-rows.js';
import { OpportunitiesRepository } from './opportunities.repository.js';
import { OPPORTUNITIES_INDEX } from './opportunities.search-index.js';
import { OpportunitySkillSuggestions } from './opportunity-skill-suggestions.js';
import { listingDefaultDeadline, OpportunityAuthoring } from './opportunity-authoring.service.js';
import { valuesFromInput } from './opportunity-rules.js';
import { ListingVetting } from './listing-vetting.service.js';
import type { ListingProvenance, OpportunityWrite } from './opportunity-values.js';
import { LIMITS } from './opportunity-vocabulary.js';

/** Rows accepted in one import; a 5,000-row export fits with room to spare. */
export const IMPORT_MAX_ROWS = 10_000;
/** Listings written per transaction: large enough to be set-based, small enough to hold locks briefly. */
export const IMPORT_CHUNK_SIZE = 500;

export interface ImportProblem extends FieldError {
  row: number;
}

interface ImportCounts {
  created: number;
  updated: number;
  heldForReview: number;
}

/** All rows of the file that carry one source URL; the last of them is what gets written. */
interface PlannedListing {
  rows: number[];
  write: OpportunityWrite;
}

/**
 * Bulk import of brokered listings (CSV or a JSON array). Rows are validated like single
 * listings, skill labels are resolved through the taxonomy in one call, and listings are
 * upserted by (organisation, sourceUrl) in chunks, each chunk one transaction with its outbox
 * rows. A chunk that fails is retried row by row, so a bad row never blocks the good ones and
 * every row is written completely or not at all.
 */
@Injectable()
export class ListingImportService {
  private readonly logger = new Logger('ListingImport');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: OpportunitiesRepository,
    private readonly outbox: OutboxWriter,
    private readonly taxonomy: TaxonomyService,
    private readonly authoring: OpportunityAuthoring,
    private readonly suggestions: OpportunitySkillSuggestions,
    private readonly vetting: ListingVetting,
  ) {}

  async import(user: AuthUser, body: unknown): Promise<ListingImportResultDto> {
    const organisationId = scopeToOrganisation(user);
    const raw = typeof body === 'string' ? readCsvRows(body) : readJsonRows(body);
    if (raw.length > IMPORT_MAX_ROWS) {
      throw new InputValidationError([
        { field: 'body', message: `has ${raw.length} rows; at most ${IMPORT_MAX_ROWS} per import` },
      ]);
    }
    const errors: ImportProblem[] = [];
    const warnings: ImportProblem[] = [];
    const parsed: ParsedImportRow[] = [];
    for (const r of raw) {
      const outcome = parseImportRow(r);
      if (outcome.ok) parsed.push(outcome.row);
      else errors.push(...outcome.errors.map((e) => ({ row: r.row, ...e })));
    }

    const planned = await this.plan(parsed, errors, warnings);
    const result = { created: 0, updated: 0, heldForReview: 0 };
    const listings = [...planned.values()];
    // Every listing is screened; high-risk ones land in review instead of open.
    const risks = await this.vetting.assessMany(
      listings.map((l) => ({ values: l.write, provenance: l.write.listing as ListingProvenance })),
    );
    listings.forEach((l, i) => (l.write.risk = risks[i]));
    for (let i = 0; i < listings.length; i += IMPORT_CHUNK_SIZE) {
      await this.writeChunk(
        user,
        organisationId,
        listings.slice(i, i + IMPORT_CHUNK_SIZE),
        result,
        errors,
      );
    }
    const byRow = (a: ImportProblem, b: ImportProblem) => a.row - b.row;
    return { ...result, errors: errors.sort(byRow), warnings: warnings.sort(byRow) };
  }

  /** Resolves every skill label at once, builds each row's listing, and folds duplicate URLs. */
  private async plan(
    parsed: ParsedImportRow[],
    errors: ImportProblem[],
    warnings: ImportProblem[],
  ): Promise<Map<string, PlannedListing>> {
    const labels = [...new Set(parsed.flatMap((p) => p.skillLabels))];
    const resolved = new Map(
      (await this.taxonomy.resolveLabels(labels)).map((r) => [r.label, r.skill?.id ?? null]),
    );
    const planned = new Map<string, PlannedListing>();
    for (const p of parsed) {
      if (p.skillLabels.length === 0) {
        const filled = await this.skillsFromText(p, errors, warnings);
        if (filled !== undefined) await this.planRow(p, filled, false, planned, errors, warnings);
        continue;
      }
      const skillIds = [
        ...new Set(p.skillLabels.map((l) => resolved.get(l)).filter((id) => id != null)),
      ] as string[];
      const unknown = p.skillLabels.filter((l) => resolved.get(l) == null);
      if (skillIds.length === 0) {
        errors.push({
          row: p.row,
          field: 'skills',
          message: `no skill label is known: ${quoteList(unknown)}`,
        });
        continue;
      }
      if (skillIds.length > LIMITS.skillsMax) {
        errors.push({
          row: p.row,
          field: 'skills',
          message: `names ${skillIds.length} skills; at most ${LIMITS.skillsMax}`,
        });
        continue;
      }
      if (unknown.length > 0) {
        warnings.push({
          row: p.row,
          field: 'skills',
          message: `unknown skill labels left out: ${quoteList(unknown)}`,
        });
      }
      await this.planRow(p, skillIds, true, planned, errors, warnings);
    }
    return planned;
  }

  /**
   * A row without a skills column gets the skills found in its title and description (said in
   * a warning, so the broker can check them), or an error when none is found.
   */
  private async skillsFromText(
    p: ParsedImportRow,
    errors: ImportProblem[],
    warnings: ImportProblem[],
  ): Promise<string[] | undefined> {
    const found = await this.suggestions.forImport(p.listing.title, p.listing.description);
    if (found.length === 0) {
      errors.push({
        row: p.row,
        field: 'skills',
        message: 'no skills given, and none found in title or description',
      });
      return undefined;
    }
    warnings.push({
      row: p.row,
      field: 'skills',
      message: `no skills given; found in title and description (nice to have): ${quoteList(found.map((f) => f.name))}`,
    });
    return found.map((f) => f.skillId);
  }

  /** Builds one row's listing; a later row with the same source URL replaces an earlier one. */
  private async planRow(
    p: ParsedImportRow,
    skillIds: string[],
    mustHave: boolean,
    planned: Map<string, PlannedListing>,
    errors: ImportProblem[],
    warnings: ImportProblem[],
  ): Promise<void> {
    // Imported labels carry no level: any level qualifies, and each named skill is required.
    // Skills found in the text were not chosen by anyone: they rank but do not filter.
    const values = valuesFromInput({
      ...p.listing,
      skills: skillIds.map((skillId) => ({ skillId, minLevel: 1, mustHave })),
    });
    values.deadline ??= listingDefaultDeadline();
    let write: OpportunityWrite;
    try {
      write = await this.authoring.prepare(
        values,
        {
          source: p.listing.source,
          sourceUrl: p.listing.sourceUrl,
          clientCountry: p.listing.clientCountry ?? null,
        },
        { skillsResolved: true },
      );
    } catch (error) {
      if (!(error instanceof InputValidationError)) throw error;
      errors.push(...error.errors.map((e) => ({ row: p.row, ...e })));
      return;
    }
    const earlier = planned.get(p.listing.sourceUrl);
    if (earlier !== undefined) {
      const last = earlier.rows[earlier.rows.length - 1];
      warnings.push({
        row: p.row,
        field: 'sourceUrl',
        message: `same sourceUrl as row ${last}; this later row updates it`,
      });
      earlier.rows.push(p.row);
      earlier.write = write;
    } else {
      planned.set(p.listing.sourceUrl, { rows: [p.row], write });
    }
  }

  private async writeChunk(
    user: AuthUser,
    organisationId: string,
    chunk: PlannedListing[],
    result: ImportCounts,
    errors: ImportProblem[],
  ): Promise<void> {
    try {
      const outcomes = await this.tx.run(async (m) => {
        const writes = chunk.map((c) => c.write);
        const before = await this.vetting.lockStatuses(
          m,
          organisationId,
          writes.map((w) => w.listing?.sourceUrl ?? ''),
        );
        const written = await this.repository.upsertListings(m, organisationId, user.id, writes);
        await this.vetting.recordImported(m, user, written, before, writes);
        await this.outbox.enqueueSearchSync(
          m,
          OPPORTUNITIES_INDEX,
          written.map((w) => w.id),
        );
        return written;
      });
      this.count(chunk, outcomes, result, errors);
    } catch (error) {
      if (chunk.length === 1) {
        this.logger.warn(`Import row ${chunk[0].rows.join(',')} failed: ${String(error)}`);
        for (const row of chunk[0].rows) {
          errors.push({ row, field: 'row', message: 'could not be saved' });
        }
        return;
      }
      // Find the culprit: every listing on its own, so the others still land.
      for (const one of chunk) {
        await this.writeChunk(user, organisationId, [one], result, errors);
      }
    }
  }

  /** Sequential meaning: the first row of a URL creates (when new), the later ones update. */
  private count(
    chunk: PlannedListing[],
    outcomes: { sourceUrl: string; inserted: boolean; status: string }[],
    result: ImportCounts,
    errors: ImportProblem[],
  ): void {
    const byUrl = new Map(outcomes.map((o) => [o.sourceUrl, o]));
    for (const planned of chunk) {
      const outcome = byUrl.get(planned.write.listing?.sourceUrl ?? '');
      if (outcome === undefined) {
        for (const row of planned.rows) {
          errors.push({
            row,
            field: 'sourceUrl',
            message: 'matches a listing that is closed or filled; it is not changed',
          });
        }
        continue;
      }
      const created = outcome.inserted ? 1 : 0;
      if (outcome.status === 'review') result.heldForReview += 1;
      result.created += created;
      result.updated += planned.rows.length - created;
    }
  }
}

function quoteList(labels: string[]): string {
  return labels.map((l) => `"${l}"`).join(', ');
}
