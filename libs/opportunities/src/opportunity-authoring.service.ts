import { isUniqueViolation, TransactionRunner } from '@app/database';
import { GeoService } from '@app/geo';
import { InputValidationError, pageRequest, toPage, type FieldError } from '@app/http';
import { EmailNotVerifiedError, scopeToOrganisation, type AuthUser } from '@app/identity';
import { OutboxWriter } from '@app/search';
import { TaxonomyService } from '@app/taxonomy';
import { WebhookPublisher } from '@app/webhooks';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type OpportunityListQueryDto } from './dto/opportunity-query.dto.js';
import {
  ListingSourceUrlTakenError,
  OpportunityNotEditableError,
  OpportunityNotFoundError,
  OpportunityNotPublishableError,
  OpportunityTransitionError,
  ProgrammePartnersOnlyError,
} from './opportunities.errors.js';
import { OpportunitiesRepository } from './opportunities.repository.js';
import { readScopeOf } from './opportunities.service.js';
import { OPPORTUNITIES_INDEX } from './opportunities.search-index.js';
import { ListingVetting, riskNote } from './listing-vetting.service.js';
import { provenanceOf, valuesOf } from './opportunity.mapper.js';
import type { OpportunityRecord } from './opportunity-record.js';
import {
  applyPatch,
  applyProvenancePatch,
  checkConsistency,
  publishProblems,
  valuesFromInput,
  type ListingProvenanceInput,
  type ListingProvenancePatch,
  type OpportunityInput,
  type OpportunityPatch,
} from './opportunity-rules.js';
import type {
  ListingProvenance,
  OpportunityValues,
  OpportunityWrite,
} from './opportunity-values.js';
import {
  EDITABLE_STATUSES,
  LISTING_DEFAULT_OPEN_DAYS,
  type OpportunityKind,
  type OpportunityStatus,
} from './opportunity-vocabulary.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const SOURCE_URL_CONSTRAINT = 'opportunities_organisation_source_url_key';

/**
 * The lifecycle: draft → open → closed | filled (filled is set by hires, elsewhere). Listings
 * may wait in review (scam risk, or flags) until a broker publishes or closes them.
 */
const TRANSITIONS: Record<'open' | 'closed', readonly OpportunityStatus[]> = {
  open: ['draft', 'review'],
  closed: ['draft', 'review', 'open'],
};

/**
 * The rules of work requests and listings as their authors and brokers write them: who sees
 * what, what may change when, and that every change to something searchable announces itself to
 * the search outbox in the same transaction. Other libs use {@link OpportunitiesService}.
 */
@Injectable()
export class OpportunityAuthoring {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: OpportunitiesRepository,
    private readonly outbox: OutboxWriter,
    private readonly taxonomy: TaxonomyService,
    private readonly geo: GeoService,
    private readonly webhooks: WebhookPublisher,
    private readonly vetting: ListingVetting,
  ) {}

  /** A page newest first, keyset on (created_at, id) with the shared page cursor. */
  async list(
    kind: OpportunityKind,
    user: AuthUser,
    query: OpportunityListQueryDto,
  ): Promise<Page<OpportunityRecord>> {
    const { after, limit } = pageRequest(query);
    const rows = await this.repository.findPage(this.tx.manager, kind, readScopeOf(kind, user), {
      limit: limit + 1,
      after,
      statuses: query.status,
    });
    const page = toPage(rows, limit);
    return { items: page.rows, nextCursor: page.nextCursor };
  }

  async create(
    kind: OpportunityKind,
    user: AuthUser,
    input: OpportunityInput,
    options: { listing?: ListingProvenanceInput; status: 'draft' | 'open' },
  ): Promise<OpportunityRecord> {
    const organisationId = scopeToOrganisation(user);
    const values = valuesFromInput(input);
    if (kind === 'listing' && values.deadline === null) values.deadline = listingDefaultDeadline();
    const listing =
      options.listing === undefined
        ? null
        : { ...options.listing, clientCountry: options.listing.clientCountry ?? null };
    const write = await this.prepare(values, listing);
    if (options.status === 'open') this.assertPublishable(kind, values, user);
    if (listing !== null) write.risk = await this.vetting.assess(values, listing);
    // A high-risk listing is not published: it waits for a broker's decision.
    const status =
      options.status === 'open' && write.risk?.level === 'high' ? 'review' : options.status;
    return this.tx.run(async (m) => {
      await this.assertMayAttach(m, user, null, write.programmeId);
      const id = await this.withSourceUrlGuard(() =>
        this.repository.insert(m, write, {
          kind,
          organisationId,
          status,
          createdBy: user.id,
          publishedAt: status === 'open' ? new Date() : null,
        }),
      );
      if (status === 'open') await this.announcePublished(m, kind, organisationId, id);
      if (write.risk !== undefined) {
        await this.vetting.record(m, [
          {
            opportunityId: id,
            actorId: user.id,
            actorRole: user.role,
            fromStatus: null,
            toStatus: status,
            note: riskNote(write.risk),
          },
        ]);
      }
      return this.reload(m, kind, organisationId, id);
    });
  }

  async update(
    kind: OpportunityKind,
    user: AuthUser,
    id: string,
    patch: OpportunityPatch,
    provenancePatch: ListingProvenancePatch = {},
  ): Promise<OpportunityRecord> {
    const organisationId = scopeToOrganisation(user);
    return this.tx.run(async (m) => {
      const current = await this.lockOwned(m, kind, organisationId, id);
      if (!EDITABLE_STATUSES.includes(current.status)) {
        throw new OpportunityNotEditableError(kind, current.status);
      }
      if (patch.programmeId !== undefined) {
        await this.assertMayAttach(m, user, current.programmeId, patch.programmeId);
      }
      const merged = applyPatch(valuesOf(current), patch);
      const provenance =
        kind === 'listing' ? applyProvenancePatch(provenanceOf(current), provenancePatch) : null;
      const errors = [...merged.errors, ...(provenance?.errors ?? [])];
      if (current.status === 'open') errors.push(...openEditProblems(merged.values, patch));
      if (errors.length > 0) throw new InputValidationError(errors);
      const write = await this.prepare(merged.values, provenance?.provenance ?? null);
      if (provenance !== null) {
        write.risk = await this.vetting.assess(merged.values, provenance.provenance);
      }
      await this.withSourceUrlGuard(() =>
        this.repository.update(m, kind, organisationId, id, write),
      );
      if (patch.programmeId !== undefined && patch.programmeId !== current.programmeId) {
        const attachedBy = patch.programmeId === null ? null : user.id;
        await this.repository.recordProgrammeAttachment(m, id, attachedBy);
      }
      if (current.status === 'open' && write.risk?.level === 'high') {
        // An edit that makes an open listing high-risk takes it away from trainees at once.
        await this.vetting.holdForReview(m, id, user, riskNote(write.risk));
      }
      if (current.status === 'open') {
        await this.outbox.enqueueSearchSync(m, OPPORTUNITIES_INDEX, [id]);
      }
      return this.reload(m, kind, organisationId, id);
    });
  }

  /**
   * Attaches a request to a programme, moves it to another or removes it, on the owner's behalf:
   * an admin (any request) or a broker of a partner organisation of the programmes involved (the
   * open requests brokers see). Companies cannot, so that no company can move its own request
   * between programmes and compare the rankings (docs/matching.md).
   */
  async setProgramme(
    kind: OpportunityKind,
    user: AuthUser,
    id: string,
    programmeId: string | null,
  ): Promise<OpportunityRecord> {
    return this.tx.run(async (m) => {
      const scope = readScopeOf(kind, user);
      const current = await this.repository.lockInScope(m, kind, scope, id);
      if (current === null) throw new OpportunityNotFoundError(kind);
      if (!EDITABLE_STATUSES.includes(current.status)) {
        throw new OpportunityNotEditableError(kind, current.status);
      }
      const to = programmeId?.toLowerCase() ?? null;
      await this.assertMayAttach(m, user, current.programmeId, to);
      if (to !== current.programmeId) {
        await this.repository.setProgramme(m, id, to, user.id);
        // the search document carries the programme (matching's priorities read it)
        if (current.status === 'open') {
          await this.outbox.enqueueSearchSync(m, OPPORTUNITIES_INDEX, [id]);
        }
      } else if (to !== null) {
        // a partner confirming a programme the request already names makes it partner work
        await this.repository.recordProgrammeAttachment(m, id, user.id);
      }
      const row = await this.repository.findInScope(m, kind, scope, id);
      if (row === null) throw new OpportunityNotFoundError(kind);
      return row;
    });
  }

  /**
   * A change of programme (`from` → `to`, null for none) is for partners only: an admin, or a
   * broker whose organisation partners every programme the change touches. An unknown target
   * programme is a 400 naming `programmeId`; leaving the programme as it is needs no right.
   */
  private async assertMayAttach(
    m: EntityManager,
    user: AuthUser,
    from: string | null,
    to: string | null | undefined,
  ): Promise<void> {
    const target = to === undefined || to === null ? null : to.toLowerCase();
    if (target === from) return;
    const organisationId = user.role === 'broker' ? user.organisationId : null;
    for (const programmeId of [from, target]) {
      if (programmeId === null) continue;
      const standing = await this.repository.programmeStanding(m, programmeId, organisationId);
      if (!standing.exists) {
        // a request may still name a programme that was never created (before this rule)
        if (programmeId === from) continue;
        throw new InputValidationError([
          { field: 'programmeId', message: 'no programme has this id' },
        ]);
      }
      if (user.role !== 'admin' && !standing.partner) {
        throw new ProgrammePartnersOnlyError(programmeId);
      }
    }
  }

  /** draft → open (needs skills and a future deadline) or draft | open → closed. */
  async transition(
    kind: OpportunityKind,
    user: AuthUser,
    id: string,
    to: 'open' | 'closed',
  ): Promise<OpportunityRecord> {
    const organisationId = scopeToOrganisation(user);
    return this.tx.run(async (m) => {
      const current = await this.lockOwned(m, kind, organisationId, id);
      if (!TRANSITIONS[to].includes(current.status)) {
        throw new OpportunityTransitionError(kind, current.status, to);
      }
      if (to === 'open') this.assertPublishable(kind, valuesOf(current), user);
      // Publishing a high-risk draft holds it for review; publishing from review is the decision.
      const target =
        to === 'open' && current.status === 'draft' && current.riskLevel === 'high' ? 'review' : to;
      await this.repository.transition(m, kind, organisationId, id, TRANSITIONS[to], target);
      if (target === 'open') await this.announcePublished(m, kind, organisationId, id);
      else await this.outbox.enqueueSearchSync(m, OPPORTUNITIES_INDEX, [id]);
      if (kind === 'listing') {
        await this.vetting.record(m, [
          {
            opportunityId: id,
            actorId: user.id,
            actorRole: user.role,
            fromStatus: current.status,
            toStatus: target,
            note: transitionNote(current, target),
          },
        ]);
      }
      return this.reload(m, kind, organisationId, id);
    });
  }

  /** Now open: into search, and for work requests `work_request.published` to the owner. */
  private async announcePublished(
    m: EntityManager,
    kind: OpportunityKind,
    organisationId: string,
    id: string,
  ): Promise<void> {
    await this.outbox.enqueueSearchSync(m, OPPORTUNITIES_INDEX, [id]);
    if (kind !== 'work_request') return;
    await this.webhooks.publish(m, {
      event: 'work_request.published',
      organisationIds: [organisationId],
      payload: { workRequestId: id },
    });
  }

  /**
   * Checks what needs data (skill ids exist, the town exists in the one country) on top of the
   * cross-field rules, and resolves the town's coordinates.
   */
  async prepare(
    values: OpportunityValues,
    listing: ListingProvenance | null,
    options: { skillsResolved?: boolean } = {},
  ): Promise<OpportunityWrite> {
    const errors: FieldError[] = checkConsistency(values);
    const ids = values.skills.map((s) => s.skillId);
    // Skills that came out of the taxonomy's own label resolution need no second look-up.
    if (ids.length > 0 && options.skillsResolved !== true) {
      const known = new Set(await this.taxonomy.findExistingIds(ids));
      values.skills.forEach((s, i) => {
        if (!known.has(s.skillId)) {
          errors.push({ field: `skills[${i}].skillId`, message: 'skillId is not a known skill' });
        }
      });
    }
    let location: OpportunityWrite['location'] = null;
    if (values.city !== null && values.countries.length === 1) {
      const resolved = await this.geo.resolveCity(values.countries[0], values.city);
      if (resolved.town === undefined) {
        errors.push({
          field: 'city',
          message: `city "${values.city}" is not a known town in ${values.countries[0]}`,
          suggestions: resolved.suggestions,
        });
      } else {
        const { town } = resolved;
        location = { lat: town.lat, lng: town.lng, cityId: town.id, cityLocalName: town.localName };
        values.city = town.name;
      }
    }
    if (errors.length > 0) throw new InputValidationError(errors);
    return { ...values, location, listing };
  }

  private assertPublishable(
    kind: OpportunityKind,
    values: OpportunityValues,
    user: AuthUser,
  ): void {
    if (kind === 'work_request' && user.role === 'company' && user.emailVerified !== true) {
      throw new EmailNotVerifiedError();
    }
    const missing = publishProblems(values, new Date());
    if (missing.length > 0) throw new OpportunityNotPublishableError(kind, missing);
  }

  private async lockOwned(
    m: EntityManager,
    kind: OpportunityKind,
    organisationId: string,
    id: string,
  ): Promise<OpportunityRecord> {
    const found = await this.repository.lockOwned(m, kind, organisationId, id);
    if (found === null) throw new OpportunityNotFoundError(kind);
    return found;
  }

  private async reload(
    m: EntityManager,
    kind: OpportunityKind,
    organisationId: string,
    id: string,
  ): Promise<OpportunityRecord> {
    const row = await this.repository.findInScope(m, kind, { kind: 'own', organisationId }, id);
    if (row === null) throw new OpportunityNotFoundError(kind);
    return row;
  }

  private async withSourceUrlGuard<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, SOURCE_URL_CONSTRAINT)) {
        throw new ListingSourceUrlTakenError();
      }
      throw error;
    }
  }
}

/** What a listing's audit entry says about a move that concerns its risk. */
function transitionNote(current: OpportunityRecord, to: OpportunityStatus): string | null {
  const risk = riskNote({ level: current.riskLevel, findings: current.riskReasons });
  if (current.status === 'review' && to === 'open') return `published after review (${risk})`;
  if (current.status === 'review' && to === 'closed') return `closed after review (${risk})`;
  if (to === 'review') return `held for review (${risk})`;
  return null;
}

/** An open request must stay publishable: it keeps a skill and a deadline. */
function openEditProblems(values: OpportunityValues, patch: OpportunityPatch): FieldError[] {
  const problems: FieldError[] = [];
  if (values.skills.length === 0) {
    problems.push({ field: 'skills', message: 'an open request needs at least one skill' });
  }
  if (patch.deadline === null) {
    problems.push({ field: 'deadline', message: 'an open request needs a deadline' });
  }
  return problems;
}

export function listingDefaultDeadline(now = new Date()): Date {
  return new Date(now.getTime() + LISTING_DEFAULT_OPEN_DAYS * 24 * 60 * 60 * 1000);
}
