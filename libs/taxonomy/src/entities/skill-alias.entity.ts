import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** preferred: the skill's own name; curated: an everyday spelling added here; alternative: ESCO's. */
export const SKILL_ALIAS_KINDS = ['preferred', 'alternative', 'curated'] as const;
export type SkillAliasKind = (typeof SKILL_ALIAS_KINDS)[number];

/** A label a skill is known by, with its folded form for exact lookups. */
@Entity('skill_aliases')
export class SkillAlias {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'skill_id', type: 'uuid' }) skillId: string;
  @Column({ type: 'text' }) label: string;
  @Column({ type: 'text' }) lang: string;
  @Column({ type: 'text' }) kind: SkillAliasKind;
  @Column({ name: 'folded_label', type: 'text' }) foldedLabel: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
