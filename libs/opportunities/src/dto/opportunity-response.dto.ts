import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BUDGET_TYPES,
  CEFR_LEVELS,
  ENGAGEMENT_TYPES,
  LISTING_SOURCES,
  OPPORTUNITY_STATUSES,
  WORK_MODES,
  type BudgetType,
  type CefrLevel,
  type EngagementType,
  type OpportunityStatus,
  type WorkMode,
} from '../opportunity-vocabulary.js';
import { RISK_LEVELS, type RiskLevel } from '../listing-risk.js';

export class SkillRequirementResponseDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'customer service', description: "The taxonomy's name of the skill" })
  name: string;
  @ApiProperty({ minimum: 1, maximum: 5, example: 3 }) minLevel: number;
  @ApiProperty({ example: true }) mustHave: boolean;
}

export class LanguageRequirementResponseDto {
  @ApiProperty({ example: 'en' }) code: string;
  @ApiProperty({ enum: CEFR_LEVELS, example: 'B2' }) minLevel: CefrLevel;
}

export class BudgetResponseDto {
  @ApiProperty({ enum: BUDGET_TYPES }) type: BudgetType;
  @ApiProperty({ nullable: true, type: Number, example: 10 }) minEur: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 18 }) maxEur: number | null;
}

export class LocationResponseDto {
  @ApiProperty({ example: 'Pristina' }) city: string;
  @ApiProperty({ example: 42.67272 }) lat: number;
  @ApiProperty({ example: 21.16688 }) lng: number;
}

export class WorkRequestResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: OPPORTUNITY_STATUSES, example: 'draft' }) status: OpportunityStatus;
  @ApiProperty({ example: 'Customer support agent (English)' }) title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [SkillRequirementResponseDto] }) skills: SkillRequirementResponseDto[];
  @ApiProperty({ type: [LanguageRequirementResponseDto] })
  languages: LanguageRequirementResponseDto[];
  @ApiProperty({ enum: ENGAGEMENT_TYPES }) engagementType: EngagementType;
  @ApiProperty({ enum: WORK_MODES }) workMode: WorkMode;
  @ApiProperty({ type: [String], example: ['XK'] }) countries: string[];
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Pristina',
    description: 'The town as GeoNames names it, whichever of its names was sent',
  })
  city: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 786714, description: 'GeoNames id' })
  cityId: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Prishtinë',
    description:
      "The town's name in the country's language (sq in AL/XK, sr-Cyrl in RS, mk in MK, …)",
  })
  cityLocalName: string | null;
  @ApiProperty({ nullable: true, type: LocationResponseDto }) location: LocationResponseDto | null;
  @ApiProperty({ nullable: true, type: Number }) radiusKm: number | null;
  @ApiProperty({ nullable: true, type: Number }) hoursPerWeek: number | null;
  @ApiProperty({ nullable: true, type: Number }) durationWeeks: number | null;
  @ApiProperty({ nullable: true, type: BudgetResponseDto }) budget: BudgetResponseDto | null;
  @ApiProperty({ example: 1 }) openings: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deadline: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) programmeId: string | null;
  @ApiProperty({ example: 1, description: 'Grows by one with every change' }) version: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** A skill found in the title and description, for the client to confirm (never stored). */
export class SuggestedSkillDto {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({ example: 'customer service' }) name: string;
  @ApiProperty({ example: 0.87, minimum: 0, maximum: 1 }) score: number;
}

/** Scam-risk screening of a listing, for the brokers who decide on it. */
export class ListingRiskDto {
  @ApiProperty({ enum: RISK_LEVELS, example: 'medium' }) level: RiskLevel;
  @ApiProperty({
    type: [String],
    example: [
      'Asks to talk on WhatsApp, outside the platform: off-platform chats are where most scams start, and the platform can no longer protect the worker.',
    ],
  })
  reasons: string[];
}

export class ListingResponseDto extends WorkRequestResponseDto {
  @ApiProperty({ enum: LISTING_SOURCES, example: 'upwork' }) source: string;
  @ApiProperty({ example: 'https://www.upwork.com/jobs/~01abc' }) sourceUrl: string;
  @ApiProperty({ nullable: true, type: String, example: 'DE' }) clientCountry: string | null;
  @ApiProperty({
    type: ListingRiskDto,
    description: 'high: held in `review` until a broker publishes or closes it',
  })
  risk: ListingRiskDto;
}

export class OpportunityEventDto {
  @ApiProperty({ nullable: true, type: String, enum: OPPORTUNITY_STATUSES, example: 'review' })
  fromStatus: OpportunityStatus | null;
  @ApiProperty({ enum: OPPORTUNITY_STATUSES, example: 'open' }) toStatus: OpportunityStatus;
  @ApiProperty({ nullable: true, type: String, example: 'broker' }) actorRole: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'published after review (risk high: fee_requested)',
  })
  note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OpportunityEventListDto {
  @ApiProperty({ type: [OpportunityEventDto] }) items: OpportunityEventDto[];
}

export class WorkRequestCreatedResponseDto extends WorkRequestResponseDto {
  @ApiPropertyOptional({
    type: [SuggestedSkillDto],
    description: 'With skillsFromText: skills found in title and description, not yet added',
  })
  suggestedSkills?: SuggestedSkillDto[];
}

export class ListingCreatedResponseDto extends ListingResponseDto {
  @ApiPropertyOptional({
    type: [SuggestedSkillDto],
    description: 'With skillsFromText: skills found in title and description, not yet added',
  })
  suggestedSkills?: SuggestedSkillDto[];
}

export class WorkRequestPageDto {
  @ApiProperty({ type: [WorkRequestResponseDto] }) items: WorkRequestResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ListingPageDto {
  @ApiProperty({ type: [ListingResponseDto] }) items: ListingResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ImportProblemDto {
  @ApiProperty({ example: 3, description: 'Data row, counted from 1' }) row: number;
  @ApiProperty({ example: 'sourceUrl' }) field: string;
  @ApiProperty({ example: 'sourceUrl must be an http or https URL' }) message: string;
}

export class ListingImportResultDto {
  @ApiProperty({ example: 120 }) created: number;
  @ApiProperty({ example: 4 }) updated: number;
  @ApiProperty({
    example: 2,
    description:
      'Listings of this import now waiting in review (high scam risk): created or updated',
  })
  heldForReview: number;
  @ApiProperty({ type: [ImportProblemDto] }) errors: ImportProblemDto[];
  @ApiProperty({ type: [ImportProblemDto] }) warnings: ImportProblemDto[];
}
