import { GeoModule } from '@app/geo';
import { TaxonomyModule } from '@app/taxonomy';
import { WebhooksModule } from '@app/webhooks';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OpportunityLanguageEntity } from './entities/opportunity-language.entity.js';
import { OpportunitySkillEntity } from './entities/opportunity-skill.entity.js';
import { OpportunityEntity } from './entities/opportunity.entity.js';
import { ListingImportService } from './listing-import.service.js';
import { ListingVettingRepository } from './listing-vetting.repository.js';
import { listingRiskConfigProvider, ListingVetting } from './listing-vetting.service.js';
import { ListingsController } from './listings.controller.js';
import { OpenOpportunities } from './open-opportunities.js';
import { OpportunitiesRepository } from './opportunities.repository.js';
import { OpportunitiesSearchIndex } from './opportunities.search-index.js';
import { OpportunitiesService } from './opportunities.service.js';
import { OpportunitySearchService } from './opportunity-search.service.js';
import { OpportunityResponses } from './opportunity-responses.js';
import { OpportunitySkillSuggestions } from './opportunity-skill-suggestions.js';
import { SkillDemandRepository } from './skill-demand.repository.js';
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
  ],
  controllers: [WorkRequestsController, ListingsController],
  providers: [
    OpportunitiesRepository,
    OpportunitiesService,
    ListingImportService,
    OpportunitiesSearchIndex,
    OpportunitySkillSuggestions,
    OpportunitySearchService,
    OpportunityResponses,
    SkillDemandRepository,
    listingRiskConfigProvider,
    ListingVettingRepository,
    ListingVetting,
    OpenOpportunities,
  ],
  exports: [
    OpportunitiesService,
    OpportunitySearchService,
    OpportunityResponses,
    SkillDemandRepository,
    OpportunitiesSearchIndex,
    ListingVetting,
    ListingVettingRepository,
    OpenOpportunities,
  ],
})
export class OpportunitiesModule {}
