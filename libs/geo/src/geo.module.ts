import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { GeoController } from './geo.controller.js';
import { GeoService } from './geo.service.js';
import { TownData } from './town-data.js';
import { TownSearchRepository } from './town-search.repository.js';
import { TownsSearchIndex } from './towns.search-index.js';

/** Towns (GeoNames): resolution of town names for writes, and the `towns` autocomplete index. */
@Module({
  controllers: [GeoController],
  providers: [GeoService, TownData, TownSearchRepository, TownsSearchIndex],
  exports: [GeoService],
})
export class GeoModule {}

/**
 * Builds the town catalogue while the API starts, so the first write naming a town does not
 * wait for it. Only the API imports this; the worker reads towns only to build their index.
 */
@Module({ imports: [GeoModule] })
export class GeoPreloadModule implements OnApplicationBootstrap {
  constructor(private readonly geo: GeoService) {}

  onApplicationBootstrap(): void {
    this.geo.preload();
  }
}
