import { SkillExtractionService } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import type { SuggestedSkillDto } from './dto/opportunity-response.dto.js';

/** Suggestions shown to a client to confirm: at most this many, each at least this sure. */
const SUGGEST_MAX = 10;
const SUGGEST_MIN_SCORE = 0.3;
/** Filling an import row's empty skills column: only labels found whole (see docs/taxonomy.md). */
const IMPORT_FILL_MAX = 8;
const IMPORT_FILL_MIN_SCORE = 0.55;

/**
 * Skills found in an opportunity's title and description (POST /api/skills/extract's extractor):
 * suggestions a client confirms, or the skills an import row without any gets.
 */
@Injectable()
export class OpportunitySkillSuggestions {
  constructor(private readonly extraction: SkillExtractionService) {}

  /** Skills to suggest beside those the client already chose, best first; nothing is stored. */
  async suggest(
    title: string,
    description: string,
    chosen: readonly string[],
  ): Promise<SuggestedSkillDto[]> {
    const have = new Set(chosen);
    const found = await this.extraction.extract(
      textOf(title, description),
      SUGGEST_MAX + have.size,
    );
    return found
      .filter((s) => s.score >= SUGGEST_MIN_SCORE && !have.has(s.skillId))
      .slice(0, SUGGEST_MAX)
      .map((s) => ({ skillId: s.skillId, name: s.name, score: s.score }));
  }

  /** The skills an imported listing without a skills column gets (maybe none). */
  async forImport(
    title: string,
    description: string,
  ): Promise<{ skillId: string; name: string }[]> {
    const found = await this.extraction.extract(textOf(title, description), IMPORT_FILL_MAX);
    return found
      .filter((s) => s.score >= IMPORT_FILL_MIN_SCORE)
      .map((s) => ({ skillId: s.skillId, name: s.name }));
  }
}

/** Title and description as separate lines, so neither runs into the other's sentence. */
function textOf(title: string, description: string): string {
  return `${title}\n${description}`;
}
