import { GeoModule } from '@app/geo';
import { TaxonomyModule } from '@app/taxonomy';
import { WebhooksModule } from '@app/webhooks';
import { Module } from '@nestjs/common';
import { ListingImportService } from './listing-import.service.js';
import { ListingVettingRepository } from './listing-vetting.repository.js';
import { listingRiskConfigProvider, ListingVetting } from './listing-vetting.service.js';
import { ListingsController } from './listings.controller.js';
import { OpportunitiesRepository } from './opportunities.repository.js';
import { OpportunitiesSearchIndex } from './opportunities.search-index.js';
import { OpportunitiesService } from './opportunities.service.js';
import { OpportunityAuthoring } from './opportunity-authoring.service.js';
import { OpportunitySearchService } from './opportunity-search.service.js';
import { OpportunityReads } from './opportunity-reads.js';
import { OpportunityResponses } from './opportunity-responses.js';
import { OpportunitySkillSuggestions } from './opportunity-skill-suggestions.js';
import { SkillDemandRepository } from './skill-demand.repository.js';
import { WorkRequestsController } from './work-requests.controller.js';

/** Work requests (companies) and brokered listings (membership organisations), with import. */
@Module({
  imports: [TaxonomyModule, GeoModule, WebhooksModule],
  controllers: [WorkRequestsController, ListingsController],
  providers: [
    OpportunitiesRepository,
    OpportunitiesService,
    OpportunityAuthoring,
    ListingImportService,
    OpportunitiesSearchIndex,
    OpportunitySkillSuggestions,
    OpportunitySearchService,
    OpportunityResponses,
    SkillDemandRepository,
    listingRiskConfigProvider,
    ListingVettingRepository,
    ListingVetting,
    OpportunityReads,
  ],
  // other libs: the facade and search; ListingFlagsModule (this lib) also the vetting
  exports: [
    OpportunitiesService,
    OpportunitySearchService,
    ListingVetting,
    ListingVettingRepository,
    OpportunityReads,
  ],
})
export class OpportunitiesModule {}
