export * from './dto/opportunity-response.dto.js';
export * from './dto/opportunity-search.dto.js';
export * from './entities/opportunity.entity.js';
export * from './entities/opportunity-language.entity.js';
export * from './entities/opportunity-skill.entity.js';
export { IMPORT_COLUMNS } from './listing-import-rows.js';
export * from './listing-flags.module.js';
export { LISTING_IMPORT_PATH } from './listings.controller.js';
export * from './opportunities.errors.js';
export * from './opportunities.module.js';
export type { OpportunityHead } from './opportunities.repository.js';
export * from './opportunities.search-index.js';
export * from './opportunities.service.js';
export {
  OPPORTUNITY_FACETS,
  OPPORTUNITY_SEARCH_SORT,
  buildOpportunitySearchFilter,
} from './opportunity-search.js';
export * from './opportunity-search.service.js';
export * from './opportunity-values.js';
export * from './opportunity-vocabulary.js';
export * from './skill-demand.repository.js';
export * from './open-opportunities.js';
