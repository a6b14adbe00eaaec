import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { GeoModule } from '@app/geo';
import { TaxonomyModule } from '@app/taxonomy';
import { WebhooksModule } from '@app/webhooks';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OpportunityLanguageEntity } from './entities/opportunity-language.entity.js';
import { OpportunitySkillEntity } from './entities/opportunity-skill.entity.js';
import { OpportunityEntity } from './entities/opportunity.entity.js';
import { ListingImportService } from './listing-import.service.js';
import { ListingFlagsController } from './listing-flags.controller.js';
import { ListingFlagsService } from './listing-flags.service.js';
import { ListingVettingRepository } from './listing-vetting.repository.js';
import { listingRiskConfigProvider, ListingVetting } from './listing-vetting.service.js';
import { ListingsController } from './listings.controller.js';
import { OpportunitiesRepository } from './opportunities.repository.js';
import { OpportunitiesSearchIndex } from './opportunities.search-index.js';
import { OpportunitiesService } from './opportunities.service.js';
import { OpportunitySkillSuggestions } from './opportunity-skill-suggestions.js';
import { WorkRequestsController } from './work-requests.controller.js';

/** Work requests (companies) and brokered listings (membership organisations), with import. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      OpportunityEntity,
      OpportunitySkillEntity,
      OpportunityLanguageEntity,
    ]),
    TaxonomyModule,
    GeoModule,
    WebhooksModule,
    NotificationsModule,
    IdentityModule,
  ],
  controllers: [WorkRequestsController, ListingsController, ListingFlagsController],
  providers: [
    OpportunitiesRepository,
    OpportunitiesService,
    ListingImportService,
    OpportunitiesSearchIndex,
    OpportunitySkillSuggestions,
    listingRiskConfigProvider,
    ListingVettingRepository,
    ListingVetting,
    ListingFlagsService,
  ],
  exports: [OpportunitiesService, OpportunitiesSearchIndex],
})
export class OpportunitiesModule {}
