import { NotificationsCoreModule } from '@app/notifications';
import { OpportunitiesModule } from '@app/opportunities';
import { ProfilesIndexModule } from '@app/profiles';
import { Module } from '@nestjs/common';
import { OpportunitiesSavedSearch } from './opportunities-saved-search.js';
import { SavedSearchAlerts } from './saved-search-alerts.service.js';
import { SavedSearchKinds } from './saved-search-kinds.js';
import { SAVED_SEARCH_CLOCK, type Clock } from './saved-searches.service.js';
import { SavedSearchesRepository } from './saved-searches.repository.js';
import { TalentSavedSearch } from './talent-saved-search.js';

const systemClock: Clock = () => new Date();

/**
 * Saved searches without HTTP or accounts: storage, the kinds and the alerts job. The worker
 * loads it to run alerts; {@link SavedSearchesModule} adds the routes.
 */
@Module({
  imports: [ProfilesIndexModule, OpportunitiesModule, NotificationsCoreModule],
  providers: [
    { provide: SAVED_SEARCH_CLOCK, useValue: systemClock },
    SavedSearchesRepository,
    TalentSavedSearch,
    OpportunitiesSavedSearch,
    SavedSearchKinds,
    SavedSearchAlerts,
  ],
  exports: [SAVED_SEARCH_CLOCK, SavedSearchesRepository, SavedSearchKinds, SavedSearchAlerts],
})
export class SavedSearchAlertsModule {}
