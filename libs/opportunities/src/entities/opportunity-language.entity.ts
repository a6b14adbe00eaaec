import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CefrLevel } from '../opportunity-vocabulary.js';
import type { OpportunityEntity } from './opportunity.entity.js';

@Entity({ name: 'opportunity_languages' })
export class OpportunityLanguageEntity {
  @PrimaryColumn({ name: 'opportunity_id', type: 'uuid' }) opportunityId: string;

  @PrimaryColumn({ type: 'text' }) code: string;

  @Column({ name: 'min_level', type: 'text' }) minLevel: CefrLevel;

  @Column({ type: 'smallint' }) position: number;

  @ManyToOne('OpportunityEntity', 'languages', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id' })
  opportunity?: OpportunityEntity;
}
