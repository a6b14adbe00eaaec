import { APP_CONFIG, type AppConfig } from '@app/config';
import { TownCatalogue, readTownRecords, type TownRecord } from '@app/geonames';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';

/** How long records read for an index build stay around for the catalogue (and vice versa). */
const RECORDS_KEPT_MS = 60_000;

/**
 * The GeoNames towns of this process. The compact {@link TownCatalogue} (ids, names,
 * coordinates, a name → town map) is built on first use and kept; the full records with every
 * alternate name are needed only to build the `towns` index and are dropped a minute after
 * they were read, so a process that builds the index and resolves towns at boot reads the
 * file once.
 */
@Injectable()
export class TownData implements OnApplicationShutdown {
  private catalogueOnce: TownCatalogue | undefined;
  private recent: TownRecord[] | undefined;
  private dropTimer: NodeJS.Timeout | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catalogue(): TownCatalogue {
    this.catalogueOnce ??= TownCatalogue.of([...this.records()]);
    return this.catalogueOnce;
  }

  /** Every kept town with all its names (read again when the last read is over a minute old). */
  records(): TownRecord[] {
    if (this.recent === undefined) {
      this.recent = readTownRecords({ abroadMinPopulation: this.config.townsAbroadMinPopulation });
      this.dropTimer = setTimeout(() => (this.recent = undefined), RECORDS_KEPT_MS);
      this.dropTimer.unref();
    }
    return this.recent;
  }

  onApplicationShutdown(): void {
    clearTimeout(this.dropTimer);
  }
}
