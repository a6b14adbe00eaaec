import { Foundation1764230400000 } from './1764230400000-foundation.js';
import { Identity1764300000000 } from './1764300000000-identity.js';
import { SearchOutbox1764310000000 } from './1764310000000-search-outbox.js';
import { SkillsTaxonomy1764320000000 } from './1764320000000-skills-taxonomy.js';
import { Profiles1764330000000 } from './1764330000000-profiles.js';
import { Opportunities1764340000000 } from './1764340000000-opportunities.js';
import { ProfileSkillEvidence1764350000000 } from './1764350000000-profile-skill-evidence.js';
import { Training1764351000000 } from './1764351000000-training.js';
import { Matches1764360000000 } from './1764360000000-matches.js';
import { Webhooks1764361000000 } from './1764361000000-webhooks.js';
import { ReportingIndexes1764370000000 } from './1764370000000-reporting-indexes.js';
import { Sessions1764440000001 } from './1764440000001-sessions.js';
import { TownIds1764450000001 } from './1764450000001-town-ids.js';
import { SkillLabels1764450000002 } from './1764450000002-skill-labels.js';
import { CredentialSigningKeys1764460000001 } from './1764460000001-credential-signing-keys.js';
import { ListingVetting1764460000002 } from './1764460000002-listing-vetting.js';
import { Mail1764480000001 } from './1764480000001-mail.js';
import { AccountRecovery1764480000002 } from './1764480000002-account-recovery.js';
import { Notifications1764480000003 } from './1764480000003-notifications.js';
import { ProgrammeAttachment1764490000001 } from './1764490000001-programme-attachment.js';
import { Applications1764510000001 } from './1764510000001-applications.js';
import { Digests1764510000002 } from './1764510000002-digests.js';
import { FollowUpSurveys1764540000001 } from './1764540000001-follow-up-surveys.js';
import { SavedSearches1764560000001 } from './1764560000001-saved-searches.js';
import { OpportunityCreatedAtMilliseconds1764600000001 } from './1764600000001-opportunity-created-at-milliseconds.js';
import { ProgrammePartnershipsView1764600000002 } from './1764600000002-programme-partnerships-view.js';
import { ReportSharedViews1764630000001 } from './1764630000001-report-shared-views.js';
import { ReportReadModel1764630000002 } from './1764630000002-report-read-model.js';
import { FollowUpTriggerViews1764660000001 } from './1764660000001-follow-up-trigger-views.js';
import { ReportMoneyCells1764670000001 } from './1764670000001-report-money-cells.js';

/** Every migration, in order. New migrations are appended here and run by `npm run migration:run`. */
export const MIGRATIONS = [
  Foundation1764230400000,
  Identity1764300000000,
  SearchOutbox1764310000000,
  SkillsTaxonomy1764320000000,
  Profiles1764330000000,
  Opportunities1764340000000,
  ProfileSkillEvidence1764350000000,
  Training1764351000000,
  Matches1764360000000,
  Webhooks1764361000000,
  ReportingIndexes1764370000000,
  Sessions1764440000001,
  TownIds1764450000001,
  SkillLabels1764450000002,
  CredentialSigningKeys1764460000001,
  ListingVetting1764460000002,
  Mail1764480000001,
  AccountRecovery1764480000002,
  Notifications1764480000003,
  ProgrammeAttachment1764490000001,
  Applications1764510000001,
  Digests1764510000002,
  FollowUpSurveys1764540000001,
  SavedSearches1764560000001,
  OpportunityCreatedAtMilliseconds1764600000001,
  ProgrammePartnershipsView1764600000002,
  ReportSharedViews1764630000001,
  ReportReadModel1764630000002,
  FollowUpTriggerViews1764660000001,
  ReportMoneyCells1764670000001,
];
