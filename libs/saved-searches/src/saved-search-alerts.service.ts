import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { translate, type Locale } from '@app/mail';
import { NotificationsService } from '@app/notifications';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_TIME_ZONE, nextAlertRun } from './local-schedule.js';
import type { AlertItem } from './saved-search-kind.js';
import { SavedSearchKinds } from './saved-search-kinds.js';
import {
  ALERT_ITEMS_LISTED,
  ALERT_ITEMS_PER_RUN,
  ALERT_LEASE_MS,
  SAVED_SEARCH_KINDS,
} from './saved-search-values.js';
import { SavedSearchesRepository, type ClaimedSearch } from './saved-searches.repository.js';
import { SAVED_SEARCH_CLOCK, type Clock } from './saved-searches.service.js';

export interface AlertRunReport {
  /** Saved searches evaluated. */
  searches: number;
  /** Notifications written (one per search that found something new). */
  notified: number;
  /** Items told about, over all notifications. */
  items: number;
}

/**
 * The alerts job: claims due saved searches (any number of workers may run it; a search is
 * claimed by one), asks the engine in batches what each finds that changed since its last run,
 * keeps the items it has not told about yet and that its owner may still see (checked in
 * PostgreSQL at send time), and writes one `search.alert` notification per search listing them,
 * with the items marked as told in the same transaction.
 */
@Injectable()
export class SavedSearchAlerts {
  private readonly logger = new Logger('SavedSearchAlerts');

  constructor(
    private readonly repository: SavedSearchesRepository,
    private readonly kinds: SavedSearchKinds,
    private readonly notifications: NotificationsService,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SAVED_SEARCH_CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs every search due at `now`, batch after batch, until none is left. */
  async runDue(now: Date = this.clock(), signal?: AbortSignal): Promise<AlertRunReport> {
    const report: AlertRunReport = { searches: 0, notified: 0, items: 0 };
    const batchSize = this.config.savedSearchAlerts.batchSize;
    while (signal?.aborted !== true) {
      const claimed = await this.repository.claimDue(
        now,
        batchSize,
        new Date(now.getTime() + ALERT_LEASE_MS),
      );
      if (claimed.length === 0) break;
      try {
        const done = await this.runClaimed(claimed, now);
        report.searches += claimed.length;
        report.notified += done.notified;
        report.items += done.items;
      } catch (error) {
        // what was finished stays finished; the rest is due again at once
        await this.repository.releaseClaims(claimed);
        throw error;
      }
      if (claimed.length < batchSize) break;
    }
    return report;
  }

  /** The worker's loop: a pass every SAVED_SEARCH_ALERT_INTERVAL_SECONDS until stopped. */
  async runLoop(signal: AbortSignal): Promise<void> {
    const intervalMs = this.config.savedSearchAlerts.intervalSeconds * 1000;
    while (!signal.aborted) {
      try {
        const report = await this.runDue(this.clock(), signal);
        if (report.notified > 0) {
          this.logger.log(
            `${report.searches} saved searches run, ${report.notified} alerts (${report.items} items)`,
          );
        }
      } catch (error) {
        this.logger.error(`Saved-search alerts failed: ${(error as Error).message}`);
      }
      await sleep(intervalMs, signal);
    }
  }

  private async runClaimed(
    claimed: ClaimedSearch[],
    now: Date,
  ): Promise<{ notified: number; items: number }> {
    const overlapMs = this.config.savedSearchAlerts.overlapSeconds * 1000;
    const candidates = new Map<string, { id: string; updatedAt: number }[]>();
    for (const kindName of SAVED_SEARCH_KINDS) {
      const searches = claimed.filter((s) => s.kind === kindName);
      if (searches.length === 0) continue;
      const found = await this.kinds.get(kindName).findChanged(
        searches.map((s) => ({
          role: s.ownerRole,
          query: s.query,
          // look back a little before the last run: a change the engine had not received
          // then is found now (items already told about are skipped below)
          changedAfter: Math.max(
            s.matchesSince.getTime(),
            (s.lastRunAt ?? s.matchesSince).getTime() - overlapMs,
          ),
        })),
        ALERT_ITEMS_PER_RUN,
      );
      searches.forEach((s, i) => candidates.set(s.id, found[i]));
    }
    const seen = await this.repository.findSeen(
      claimed.flatMap((s) =>
        (candidates.get(s.id) ?? []).map((item) => ({ searchId: s.id, itemId: item.id })),
      ),
    );

    let notified = 0;
    let items = 0;
    const empty: { id: string; leaseToken: string; nextRunAt: Date | null }[] = [];
    for (const search of claimed) {
      const nextRunAt = this.nextRun(search, now);
      const fresh = (candidates.get(search.id) ?? []).filter(
        (item) => !seen.has(`${search.id}:${item.id}`),
      );
      const visible =
        fresh.length === 0
          ? []
          : await this.kinds.get(search.kind).describeVisible(
              search.ownerRole,
              search.query,
              fresh.map((i) => i.id),
            );
      if (visible.length === 0) {
        empty.push({ id: search.id, leaseToken: search.leaseToken, nextRunAt });
        continue;
      }
      const told = await this.transactions.run(async (manager) => {
        if (!(await this.repository.finishRun(manager, search, now, nextRunAt))) return [];
        const visibleIds = new Set(visible.map((v) => v.id));
        const inserted = await this.repository.markSeen(
          manager,
          search.id,
          fresh.filter((i) => visibleIds.has(i.id)),
          now,
        );
        const news = visible.filter((v) => inserted.has(v.id));
        if (news.length > 0) {
          await this.notifications.notify(manager, {
            userId: search.ownerId,
            kind: 'search.alert',
            data: { savedSearchId: search.id, kind: search.kind, itemIds: news.map((n) => n.id) },
            link: `/saved-searches/${search.id}`,
            text: (locale) => alertText(locale, search.name, news),
          });
        }
        return news;
      });
      if (told.length > 0) {
        notified += 1;
        items += told.length;
      }
    }
    await this.repository.finishEmptyRuns(empty, now);
    return { notified, items };
  }

  private nextRun(search: ClaimedSearch, now: Date): Date | null {
    return nextAlertRun(search.alert, now, {
      timeZone: DEFAULT_TIME_ZONE,
      instantIntervalMs: this.config.savedSearchAlerts.intervalSeconds * 1000,
    });
  }
}

/** Title and body of an alert in the owner's language: the first items by name, then a count. */
export function alertText(
  locale: Locale,
  name: string,
  items: readonly AlertItem[],
): { title: string; body: string } {
  const listed = items.slice(0, ALERT_ITEMS_LISTED).map((i) => `- ${i.title}`);
  if (items.length > ALERT_ITEMS_LISTED) {
    listed.push(
      translate(locale, 'search.alert.more', { count: String(items.length - ALERT_ITEMS_LISTED) }),
    );
  }
  return {
    title: translate(locale, 'search.alert.title', { count: String(items.length), name }),
    body: translate(locale, 'search.alert.body', { items: listed.join('\n') }),
  };
}

/** Sleeps; resolves early when aborted. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
