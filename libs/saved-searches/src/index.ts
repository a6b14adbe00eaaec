export * from './saved-search-alerts.module.js';
export { SavedSearchAlerts, type AlertRunReport } from './saved-search-alerts.service.js';
export type { SavedSearchKind, SavedQuery, AlertItem } from './saved-search-kind.js';
export * from './saved-search-values.js';
export * from './saved-searches.errors.js';
export * from './saved-searches.module.js';
