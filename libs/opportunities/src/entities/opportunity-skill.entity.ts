import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { OpportunityEntity } from './opportunity.entity.js';

@Entity({ name: 'opportunity_skills' })
export class OpportunitySkillEntity {
  @PrimaryColumn({ name: 'opportunity_id', type: 'uuid' }) opportunityId: string;

  @PrimaryColumn({ name: 'skill_id', type: 'uuid' }) skillId: string;

  @Column({ name: 'min_level', type: 'smallint' }) minLevel: number;

  @Column({ name: 'must_have', type: 'boolean' }) mustHave: boolean;

  /** Order as given by the author, kept for display. */
  @Column({ type: 'smallint' }) position: number;

  @ManyToOne('OpportunityEntity', 'skills', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id' })
  opportunity?: OpportunityEntity;
}
