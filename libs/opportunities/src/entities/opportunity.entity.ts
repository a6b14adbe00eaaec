import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type {
  BudgetType,
  EngagementType,
  OpportunityKind,
  OpportunityStatus,
  WorkMode,
} from '../opportunity-vocabulary.js';
import type { RiskFinding, RiskLevel } from '../listing-risk.js';
import { OpportunityLanguageEntity } from './opportunity-language.entity.js';
import { OpportunitySkillEntity } from './opportunity-skill.entity.js';

/** numeric columns arrive as strings from pg; money stays exact in SQL and becomes a number here. */
const money = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/**
 * A work request (posted by a company) or a listing (brokered from a freelance platform by a
 * membership organisation): one table, told apart by `kind`; listing-only columns are null for
 * work requests (a CHECK keeps that honest).
 */
@Entity({ name: 'opportunities' })
export class OpportunityEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'text' }) kind: OpportunityKind;

  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId: string;

  @Column({ type: 'text' }) status: OpportunityStatus;

  @Column({ type: 'text' }) title: string;

  @Column({ type: 'text' }) description: string;

  @Column({ name: 'engagement_type', type: 'text' }) engagementType: EngagementType;

  @Column({ name: 'work_mode', type: 'text' }) workMode: WorkMode;

  @Column({ type: 'text', array: true }) countries: string[];

  /** The town's GeoNames name (canonical), whatever spelling the author typed. */
  @Column({ type: 'text', nullable: true }) city: string | null;

  /** GeoNames id of the town. */
  @Column({ name: 'city_id', type: 'integer', nullable: true }) cityId: number | null;

  /** The town's name in the country's language. */
  @Column({ name: 'city_local_name', type: 'text', nullable: true }) cityLocalName: string | null;

  @Column({ type: 'double precision', nullable: true }) lat: number | null;

  @Column({ type: 'double precision', nullable: true }) lng: number | null;

  @Column({ name: 'radius_km', type: 'integer', nullable: true }) radiusKm: number | null;

  @Column({ name: 'hours_per_week', type: 'integer', nullable: true }) hoursPerWeek: number | null;

  @Column({ name: 'duration_weeks', type: 'integer', nullable: true })
  durationWeeks: number | null;

  @Column({ name: 'budget_type', type: 'text', nullable: true }) budgetType: BudgetType | null;

  @Column({ name: 'budget_min_eur', type: 'numeric', nullable: true, transformer: money })
  budgetMinEur: number | null;

  @Column({ name: 'budget_max_eur', type: 'numeric', nullable: true, transformer: money })
  budgetMaxEur: number | null;

  @Column({ type: 'integer' }) openings: number;

  @Column({ type: 'timestamptz', nullable: true }) deadline: Date | null;

  /** Donor programme; no foreign key until programmes exist (see docs/opportunities.md). */
  @Column({ name: 'programme_id', type: 'uuid', nullable: true }) programmeId: string | null;

  @Column({ type: 'text', nullable: true }) source: string | null;

  @Column({ name: 'source_url', type: 'text', nullable: true }) sourceUrl: string | null;

  @Column({ name: 'client_country', type: 'text', nullable: true }) clientCountry: string | null;

  /** Scam-risk screening of listings (low for work requests); see listing-risk.ts. */
  @Column({ name: 'risk_level', type: 'text' }) riskLevel: RiskLevel;

  @Column({ name: 'risk_reasons', type: 'jsonb' }) riskReasons: RiskFinding[];

  @Column({ type: 'integer' }) version: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false })
  updatedAt: Date;

  @OneToMany(() => OpportunitySkillEntity, (s) => s.opportunity)
  skills: OpportunitySkillEntity[];

  @OneToMany(() => OpportunityLanguageEntity, (l) => l.opportunity)
  languages: OpportunityLanguageEntity[];
}
