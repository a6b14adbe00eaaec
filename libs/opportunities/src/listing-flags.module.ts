import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { WebhooksModule } from '@app/webhooks';
import { Module } from '@nestjs/common';
import { ListingFlagsController } from './listing-flags.controller.js';
import { ListingFlagsService } from './listing-flags.service.js';
import { OpportunitiesModule } from './opportunities.module.js';

/**
 * Flags on listings, an HTTP feature: kept out of {@link OpportunitiesModule} (which the worker
 * loads for the search index) because telling brokers needs notifications and accounts.
 */
@Module({
  imports: [OpportunitiesModule, WebhooksModule, NotificationsModule, IdentityModule],
  controllers: [ListingFlagsController],
  providers: [ListingFlagsService],
})
export class ListingFlagsModule {}
