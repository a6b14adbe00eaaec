import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { NotificationsService } from '@app/notifications';
import { Inject, Injectable } from '@nestjs/common';
import type {
  SavedSearchCreateDto,
  SavedSearchListDto,
  SavedSearchResponseDto,
  SavedSearchResultsQueryDto,
  SavedSearchUpdateDto,
} from './dto/saved-search.dto.js';
import { nextAlertRun } from './alert-schedule.js';
import type { SavedSearchKind } from './saved-search-kind.js';
import { SavedSearchKinds } from './saved-search-kinds.js';
import {
  SAVED_SEARCHES_PER_USER,
  type SavedSearchAlert,
  type SavedSearchKindName,
} from './saved-search-values.js';
import {
  SavedSearchKindForbiddenError,
  SavedSearchLimitError,
  SavedSearchNotFoundError,
} from './saved-searches.errors.js';
import { SavedSearchesRepository, type SavedSearchRow } from './saved-searches.repository.js';

/** The clock saved searches read (replaced in tests to move through days without waiting). */
export const SAVED_SEARCH_CLOCK = Symbol('SAVED_SEARCH_CLOCK');
export type Clock = () => Date;

/**
 * A person's saved searches: each is checked by its underlying search's own rules when saved
 * or changed (never when run), limited per person, and seen and run by its owner only.
 */
@Injectable()
export class SavedSearchesService {
  constructor(
    private readonly repository: SavedSearchesRepository,
    private readonly kinds: SavedSearchKinds,
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SAVED_SEARCH_CLOCK) private readonly clock: Clock,
  ) {}

  async create(owner: AuthUser, dto: SavedSearchCreateDto): Promise<SavedSearchResponseDto> {
    const kind = this.kindFor(owner, dto.kind);
    const query = await kind.check(owner.role, dto.query);
    const now = this.clock();
    const nextRunAt = await this.nextRun(owner.id, dto.alert, now);
    const row = await this.transactions.run(async (manager) => {
      await this.repository.lockOwner(manager, owner.id);
      if ((await this.repository.countOwned(manager, owner.id)) >= SAVED_SEARCHES_PER_USER) {
        throw new SavedSearchLimitError();
      }
      return this.repository.insert(
        manager,
        owner.id,
        {
          name: dto.name,
          kind: dto.kind,
          query,
          alert: dto.alert,
          matchesSince: now,
          nextRunAt,
        },
        owner.role,
      );
    });
    return toResponse(row);
  }

  async list(owner: AuthUser): Promise<SavedSearchListDto> {
    return { items: (await this.repository.listOwned(owner.id)).map(toResponse) };
  }

  async get(owner: AuthUser, id: string): Promise<SavedSearchResponseDto> {
    return toResponse(await this.owned(owner, id));
  }

  /**
   * A new query counts results from now (what matched the old one is not news); a new cadence
   * starts from now. A changed name alone keeps the schedule.
   */
  async update(
    owner: AuthUser,
    id: string,
    dto: SavedSearchUpdateDto,
  ): Promise<SavedSearchResponseDto> {
    const current = await this.owned(owner, id);
    const kind = this.kindFor(owner, current.kind);
    const query = dto.query === undefined ? current.query : await kind.check(owner.role, dto.query);
    const alert = dto.alert ?? current.alert;
    const now = this.clock();
    const queryChanged = dto.query !== undefined;
    const alertChanged = alert !== current.alert;
    const resumed = current.alert === 'off' && alert !== 'off';
    const row = await this.repository.updateOwned(owner.id, id, {
      name: dto.name ?? current.name,
      query,
      alert,
      // a new query, or an alert turned back on, counts from now: what changed while it was
      // off is not news
      matchesSince: queryChanged || resumed ? now : current.matchesSince,
      nextRunAt:
        queryChanged || alertChanged ? await this.nextRun(owner.id, alert, now) : current.nextRunAt,
    });
    if (row === undefined) throw new SavedSearchNotFoundError();
    return toResponse(row);
  }

  async remove(owner: AuthUser, id: string): Promise<void> {
    if (!(await this.repository.deleteOwned(owner.id, id))) throw new SavedSearchNotFoundError();
  }

  /** Runs it now, as its owner: the underlying search's answer (its visibility rules apply). */
  async results(owner: AuthUser, id: string, page: SavedSearchResultsQueryDto): Promise<unknown> {
    const search = await this.owned(owner, id);
    return this.kindFor(owner, search.kind).run(owner, search.query, {
      ...(page.limit === undefined ? {} : { limit: page.limit }),
      ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
    });
  }

  private async owned(owner: AuthUser, id: string): Promise<SavedSearchRow> {
    const row = await this.repository.findOwned(owner.id, id);
    if (row === undefined) throw new SavedSearchNotFoundError();
    return row;
  }

  private kindFor(owner: AuthUser, name: SavedSearchKindName): SavedSearchKind {
    const kind = this.kinds.get(name);
    if (!kind.roles.includes(owner.role)) {
      throw new SavedSearchKindForbiddenError(name, owner.role);
    }
    return kind;
  }

  /** The first run of a new or changed alert, daily and weekly ones at 08:00 the owner's time. */
  private async nextRun(ownerId: string, alert: SavedSearchAlert, now: Date): Promise<Date | null> {
    const timeZones = await this.notifications.timezonesOf([ownerId]);
    return nextAlertRun(alert, now, {
      timeZone: timeZones.get(ownerId) as string,
      instantIntervalMs: this.config.savedSearchAlerts.intervalSeconds * 1000,
    });
  }
}

export function toResponse(row: SavedSearchRow): SavedSearchResponseDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    query: row.query,
    alert: row.alert,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
