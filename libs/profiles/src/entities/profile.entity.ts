import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EngagementType, Visibility, WorkMode } from '../profile-values.js';

export interface PortfolioItem {
  title: string;
  url: string;
}

/** numeric comes back from pg as a string; money stays exact in the database. */
const decimalToNumber = {
  to: (value: number | null): number | null => value,
  from: (value: string | null): number | null => (value === null ? null : Number(value)),
};

@Entity({ name: 'profiles' })
export class ProfileEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** The owning trainee; null once the profile is erased (no link to a person remains). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;

  @Column({ type: 'text', nullable: true }) headline: string | null;
  @Column({ type: 'text', nullable: true }) bio: string | null;
  @Column({ type: 'char', length: 2, nullable: true }) country: string | null;
  /** The town's GeoNames name (canonical), whatever spelling the trainee typed. */
  @Column({ type: 'text', nullable: true }) city: string | null;
  /** GeoNames id of the town. */
  @Column({ name: 'city_id', type: 'integer', nullable: true }) cityId: number | null;
  /** The town's name in the country's language (Prishtinë, Београд, Скопје). */
  @Column({ name: 'city_local_name', type: 'text', nullable: true }) cityLocalName: string | null;
  @Column({ type: 'double precision', nullable: true }) lat: number | null;
  @Column({ type: 'double precision', nullable: true }) lng: number | null;

  @Column({ name: 'work_modes', type: 'text', array: true }) workModes: WorkMode[];
  @Column({ name: 'engagement_types', type: 'text', array: true })
  engagementTypes: EngagementType[];

  @Column({ name: 'hours_per_week', type: 'smallint', nullable: true }) hoursPerWeek: number | null;
  /** `YYYY-MM-DD` (a calendar date, no time zone). */
  @Column({ name: 'available_from', type: 'date', nullable: true }) availableFrom: string | null;
  @Column({
    name: 'hourly_rate_eur',
    type: 'numeric',
    precision: 6,
    scale: 2,
    nullable: true,
    transformer: decimalToNumber,
  })
  hourlyRateEur: number | null;

  @Column({ type: 'jsonb' }) portfolio: PortfolioItem[];
  @Column({ name: 'open_to_work', type: 'boolean' }) openToWork: boolean;
  @Column({ type: 'text' }) visibility: Visibility;

  /** Optimistic-concurrency counter, guarded in SQL (see ProfilesRepository.updateIfVersion). */
  @Column({ type: 'integer' }) version: number;

  @Column({ name: 'last_active_at', type: 'timestamptz' }) lastActiveAt: Date;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false })
  updatedAt: Date;
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt: Date | null;
}
