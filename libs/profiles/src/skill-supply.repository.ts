import { typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import type { DataSource } from 'typeorm';
import type { SkillSupply, SkillSupplyCell } from './profile-records.js';

/**
 * People open to work (not erased) whose profile country is the cell's (any for null) and who
 * hold the skill at the cell's level or above, declared or certified; `verified` counts those
 * whose certified level reaches it. Reads no inclusion data.
 */
@Injectable()
export class SkillSupplyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async supply(cells: readonly SkillSupplyCell[]): Promise<SkillSupply[]> {
    if (cells.length === 0) return [];
    // count() is bigint: pg hands it over as text
    const { rows } = await sql<{ i: string; people: string; verified: string }>`
      SELECT c.i, count(p.id) AS people,
             count(p.id) FILTER (WHERE ps.certified_level >= c.level) AS verified
      FROM unnest(${cells.map((c) => c.skillId)}::uuid[], ${cells.map((c) => c.country)}::text[],
                  ${cells.map((c) => c.level)}::int[]) WITH ORDINALITY AS c(skill_id, country, level, i)
      LEFT JOIN profile_skills ps ON ps.skill_id = c.skill_id AND ps.level >= c.level
      LEFT JOIN profiles p ON p.id = ps.profile_id AND p.open_to_work AND p.erased_at IS NULL
                          AND (c.country IS NULL OR p.country = c.country)
      GROUP BY c.i`.execute(typedQueries(this.dataSource.manager));
    const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
    return cells.map((c, i) => ({
      ...c,
      people: Number(byIndex.get(i + 1)?.people ?? 0),
      verified: Number(byIndex.get(i + 1)?.verified ?? 0),
    }));
  }
}
