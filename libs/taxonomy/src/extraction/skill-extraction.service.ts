import { TransactionRunner } from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { loadExtractionModel } from './extraction-model.js';
import { SkillExtractionRepository } from './skill-extraction.repository.js';
import {
  SkillExtractorBuilder,
  type ExtractedSkill,
  type SkillExtractor,
} from './skill-extractor.js';

/** How often the taxonomy is asked whether it changed (new skills, labels) since the build. */
const STAMP_CHECK_MS = 60_000;
/** Skills read per query while building (bounds the memory a build needs at once). */
const BUILD_PAGE = 1_000;

/**
 * Skills named or described in free text (job descriptions, CVs), found by an in-memory
 * {@link SkillExtractor} over every skill and label in the taxonomy tables. Built on first use
 * (a process that never extracts never pays for it), then checked against the tables at most
 * once a minute and rebuilt in the background when they changed; the old one serves meanwhile.
 */
@Injectable()
export class SkillExtractionService {
  private readonly logger = new Logger(SkillExtractionService.name);
  private current: { extractor: SkillExtractor; stamp: string; checkedAt: number } | undefined;
  private refreshing: Promise<SkillExtractor> | undefined;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: SkillExtractionRepository,
  ) {}

  /** The skills found in `text`, best first, at most `limit`. */
  async extract(text: string, limit: number): Promise<ExtractedSkill[]> {
    return (await this.extractor()).extract(text, limit);
  }

  /** Builds the extractor now (start-up warm-up, benchmarks) instead of on first use. */
  async warmUp(): Promise<void> {
    await this.extractor();
  }

  private extractor(): Promise<SkillExtractor> {
    const current = this.current;
    if (current !== undefined && Date.now() - current.checkedAt < STAMP_CHECK_MS) {
      return Promise.resolve(current.extractor);
    }
    if (this.refreshing === undefined) {
      this.refreshing = this.refresh().finally(() => {
        this.refreshing = undefined;
      });
      // A failed background refresh keeps the old extractor; it is retried on a later call.
      this.refreshing.catch((error: unknown) =>
        this.logger.error(`Rebuilding the skill extractor failed: ${String(error)}`),
      );
    }
    return current === undefined ? this.refreshing : Promise.resolve(current.extractor);
  }

  private async refresh(): Promise<SkillExtractor> {
    const stamp = await this.repository.findTaxonomyStamp(this.tx.manager);
    if (this.current !== undefined && this.current.stamp === stamp) {
      this.current.checkedAt = Date.now();
      return this.current.extractor;
    }
    const started = Date.now();
    const builder = new SkillExtractorBuilder();
    let afterId: string | undefined;
    for (;;) {
      const page = await this.repository.findPageWithLabels(this.tx.manager, afterId, BUILD_PAGE);
      builder.add(page);
      if (page.length < BUILD_PAGE) break;
      afterId = page[page.length - 1].id;
    }
    const extractor = builder.build(loadExtractionModel());
    this.current = { extractor, stamp, checkedAt: Date.now() };
    this.logger.log(
      `Built the skill extractor over ${extractor.size} skills in ${Date.now() - started} ms`,
    );
    return extractor;
  }
}
