import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { translate, type Locale } from '@app/mail';
import { DEFAULT_TIMEZONE, NotificationsService } from '@app/notifications';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { nextAlertRun } from './alert-schedule.js';
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
 * PostgreSQL at send time, once per batch and viewer role), and writes one `search.alert`
 * notification per search listing them. A batch's finished runs, seen items and notifications
 * are one transaction of set-based statements: no round trip per search.
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
    const fresh = new Map(
      claimed.map((s) => [
        s.id,
        (candidates.get(s.id) ?? []).filter((item) => !seen.has(`${s.id}:${item.id}`)),
      ]),
    );

    // visibility at send time: one read per kind (per viewer role within it) for the batch
    const visible = new Map<string, AlertItem[]>();
    for (const kindName of SAVED_SEARCH_KINDS) {
      const searches = claimed.filter(
        (s) => s.kind === kindName && (fresh.get(s.id) ?? []).length > 0,
      );
      if (searches.length === 0) continue;
      const found = await this.kinds.get(kindName).describeVisible(
        searches.map((s) => ({
          role: s.ownerRole,
          query: s.query,
          ids: (fresh.get(s.id) ?? []).map((i) => i.id),
        })),
      );
      searches.forEach((s, i) => {
        if (found[i].length > 0) visible.set(s.id, found[i]);
      });
    }

    const timeZones = await this.notifications.timezonesOf(
      claimed.filter((s) => s.alert === 'daily' || s.alert === 'weekly').map((s) => s.ownerId),
    );
    const runs = claimed.map((s) => ({
      search: s,
      id: s.id,
      leaseToken: s.leaseToken,
      nextRunAt: this.nextRun(s, now, timeZones),
    }));
    const withNews = runs.filter((r) => visible.has(r.id));
    await this.repository.finishEmptyRuns(
      runs.filter((r) => !visible.has(r.id)),
      now,
    );
    if (withNews.length === 0) return { notified: 0, items: 0 };

    // the whole batch's news in one transaction: runs finished (only those still claimed, rows
    // locked until commit), items marked as told, one notification per search
    return this.transactions.run(async (manager) => {
      const finished = await this.repository.finishRuns(manager, withNews, now);
      const told = withNews.filter((r) => finished.has(r.id));
      const inserted = await this.repository.markSeen(
        manager,
        told.flatMap((r) => {
          const ids = new Set((visible.get(r.id) ?? []).map((v) => v.id));
          return (fresh.get(r.id) ?? [])
            .filter((i) => ids.has(i.id))
            .map((i) => ({ searchId: r.id, itemId: i.id, updatedAt: i.updatedAt }));
        }),
        now,
      );
      const alerts = told.flatMap(({ search }) => {
        const news = (visible.get(search.id) ?? []).filter((v) =>
          inserted.has(`${search.id}:${v.id}`),
        );
        return news.length === 0 ? [] : [{ search, news }];
      });
      await this.notifications.notifyMany(
        manager,
        alerts.map(({ search, news }) => ({
          userId: search.ownerId,
          kind: 'search.alert' as const,
          data: { savedSearchId: search.id, kind: search.kind, itemIds: news.map((n) => n.id) },
          link: `/saved-searches/${search.id}`,
          text: (locale: Locale) => alertText(locale, search.name, news),
        })),
      );
      const notified = alerts.length;
      const items = alerts.reduce((n, a) => n + a.news.length, 0);
      return { notified, items };
    });
  }

  /** Daily and weekly runs at 08:00 in the owner's timezone; instant ones after the interval. */
  private nextRun(search: ClaimedSearch, now: Date, timeZones: Map<string, string>): Date | null {
    return nextAlertRun(search.alert, now, {
      timeZone: timeZones.get(search.ownerId) ?? DEFAULT_TIMEZONE,
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
