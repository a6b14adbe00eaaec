// Modules
export * from './listing-flags.module.js';
export * from './opportunities.module.js';
// The facade other libs call, and search over open work (its route lives in matching)
export { OpportunitiesService } from './opportunities.service.js';
export * from './opportunity-reads.js';
export {
  OpportunitySearchService,
  type OpportunitySearchResult,
} from './opportunity-search.service.js';
// Records, vocabulary and errors
export type { OpportunityHead, OpportunityRecord } from './opportunity-record.js';
export type { SkillAsk, SkillDemandScope } from './skill-demand.repository.js';
export type { LanguageRequirement, SkillRequirement } from './opportunity-values.js';
export * from './opportunity-vocabulary.js';
export * from './opportunities.errors.js';
export { IMPORT_COLUMNS } from './listing-import-rows.js';
export { LISTING_IMPORT_PATH } from './listings.controller.js';
// The search index's vocabulary (documents, filterable fields, the filter of a search query)
export {
  OPPORTUNITIES_INDEX,
  OPPORTUNITY_FILTERABLE_ATTRIBUTES,
  type OpportunityDocument,
} from './opportunities.search-index.js';
export { buildOpportunitySearchFilter } from './opportunity-search.js';
// DTO classes other libs' routes answer or accept
export * from './dto/opportunity-search.dto.js';
