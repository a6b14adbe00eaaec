import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const SKILL_CATEGORIES = ['digital', 'transversal', 'language', 'bpo', 'other'] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];
export const SKILL_SOURCES = ['esco', 'curated'] as const;
export type SkillSource = (typeof SKILL_SOURCES)[number];

/** A canonical skill: an ESCO concept or one curated here (technologies ESCO lacks). */
@Entity('skills')
export class Skill {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'esco_uri', type: 'text', nullable: true }) escoUri: string | null;
  @Column({ type: 'text' }) name: string;
  /** Folded name (@app/text `foldKey`), the key of skills without an ESCO URI. */
  @Column({ name: 'name_key', type: 'text' }) nameKey: string;
  @Column({ type: 'text' }) category: SkillCategory;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text' }) source: SkillSource;
  /** Bumped on every change that alters the search document (drift checks compare it). */
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
