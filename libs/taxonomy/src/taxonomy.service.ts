import { TransactionRunner } from '@app/database';
import { foldKey, foldQuery, latinToCyrillic } from '@app/text';
import { InputValidationError } from '@app/http';
import { Injectable } from '@nestjs/common';
import { answerLocale } from './answer-locale.js';
import type { CreateSkillDto, NewSkillAliasDto, SkillResponseDto } from './dto/skill.dto.js';
import type { Skill, SkillCategory } from './skill-records.js';
import { SkillIndexSync } from './skill-index-sync.js';
import type { SkillLocale } from './label-locale.js';
import type { LabelLocale } from './skill-label-file.js';
import { SkillLabelRepository } from './skill-label.repository.js';
import { SkillSearchRepository, type SkillHit } from './skill-search.repository.js';
import { toSkillResponse } from './skill.mapper.js';
import { SkillRepository } from './skill.repository.js';
import { SkillAliasExistsError, SkillExistsError, SkillNotFoundError } from './taxonomy.errors.js';

export interface ResolvedLabel {
  label: string;
  skill: Skill | null;
}

/** How long skill names are served from memory before being read again. */
const SKILL_NAME_CACHE_MS = 10 * 60_000;

/**
 * The skills taxonomy for everyone: autocomplete, exact label resolution (other libs resolve
 * free-text skills and validate skill ids here), and admin curation.
 */
@Injectable()
export class TaxonomyService {
  private readonly nameCache = new Map<string, string>();
  private nameCacheSince = Date.now();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly skills: SkillRepository,
    private readonly search: SkillSearchRepository,
    private readonly indexSync: SkillIndexSync,
    private readonly labels: SkillLabelRepository,
  ) {}

  /**
   * Typo-tolerant autocomplete over names, aliases and local labels; the query is folded first
   * (any script). Skills one of whose labels is exactly the query (`js`, `k8s`, `excel`, a local
   * label) come first, before any match on a word or its start (Vue.js for `js`).
   */
  async autocomplete(q: string | undefined, limit: number): Promise<SkillHit[]> {
    const key = foldKey(q ?? '');
    const [exactIds, hits] = await Promise.all([
      key === ''
        ? Promise.resolve([])
        : this.labels.findIdsByExactLabel(this.tx.manager, key, limit),
      this.search.searchFolded(foldQuery(q ?? ''), limit),
    ]);
    if (exactIds.length === 0) return hits;
    const found = new Map(hits.map((h) => [h.id, h]));
    const missing = exactIds.filter((id) => !found.has(id));
    for (const hit of await this.hitsFromDatabase(missing)) found.set(hit.id, hit);
    const exact = exactIds.flatMap((id) => found.get(id) ?? []);
    const exactSet = new Set(exactIds);
    return [...exact, ...hits.filter((h) => !exactSet.has(h.id))].slice(0, limit);
  }

  async getSkill(id: string): Promise<SkillResponseDto> {
    return this.tx.run(async (manager) => {
      const skill = await this.skills.findById(manager, id);
      if (skill === null) throw new SkillNotFoundError();
      return toSkillResponse(
        skill,
        await this.skills.findAliasesOf(manager, [id]),
        await this.labels.findLabelsOf(manager, [id]),
      );
    });
  }

  /**
   * An admin confirms (or corrects) a skill's label in a locale: it becomes `reviewed`. A
   * corrected Serbian Latin label also rewrites an unreviewed Serbian Cyrillic one, which is
   * derived from it by transliteration.
   */
  async reviewLabel(
    id: string,
    locale: LabelLocale,
    label: string,
    admin: { id: string },
  ): Promise<SkillResponseDto> {
    const foldedLabel = requireKey('label', label);
    return this.tx.run(async (manager) => {
      const skill = await this.skills.findById(manager, id);
      if (skill === null) throw new SkillNotFoundError();
      const before = (await this.labels.findLabelsOf(manager, [id])).find(
        (l) => l.locale === locale,
      );
      const source = before?.label === label ? before.source : 'admin';
      await this.labels.saveReviewed(
        manager,
        { skillId: id, locale, label, foldedLabel, source },
        admin.id,
      );
      if (locale === 'sr') {
        const cyrillic =
          label === skill.name
            ? label
            : latinToCyrillic(label, 'sr', skill.name.split(/[\s()/,-]+/));
        await this.labels.replaceUnreviewed(manager, {
          skillId: id,
          locale: 'sr-Cyrl',
          label: cyrillic,
          foldedLabel: foldKey(cyrillic),
          source: 'transliterated from the reviewed sr label',
        });
      }
      await this.skills.bumpVersions(manager, [id]);
      await this.indexSync.enqueue(manager, [id]);
      return toSkillResponse(
        skill,
        await this.skills.findAliasesOf(manager, [id]),
        await this.labels.findLabelsOf(manager, [id]),
      );
    });
  }

  /** Search-hit shaped skills read from PostgreSQL (exact matches the search did not return). */
  private async hitsFromDatabase(ids: string[]): Promise<SkillHit[]> {
    if (ids.length === 0) return [];
    const manager = this.tx.manager;
    const [skills, labels] = await Promise.all([
      this.skills.findByIds(manager, ids),
      this.labels.findLabelsOf(manager, ids),
    ]);
    return skills.map((s) => ({
      id: s.id,
      name: s.name,
      category: s.category,
      escoUri: s.escoUri,
      aliases: [],
      labels: Object.fromEntries(
        labels.filter((l) => l.skillId === s.id).map((l) => [l.locale, l.label]),
      ),
    }));
  }

  /**
   * Free-text labels → canonical skills, by exact folded label only: the skill's own name beats a
   * curated alias beats an ESCO alternative label. No fuzzy fallback: a wrong guess would
   * silently mislabel imported work, while an unresolved label is reported and can be curated.
   */
  async resolveLabels(labels: string[]): Promise<ResolvedLabel[]> {
    const keys = labels.map((l) => foldKey(l));
    // one statement: no transaction (every talent search and extraction asks this)
    const matches = await this.skills.findBestByFoldedLabels(this.tx.manager, [
      ...new Set(keys.filter((k) => k !== '')),
    ]);
    const byKey = new Map(matches.map((m) => [m.foldedLabel, m.skill]));
    return labels.map((label, i) => ({ label, skill: byKey.get(keys[i]) ?? null }));
  }

  /** The ids among these that name existing skills (callers report the others). */
  findExistingIds(ids: string[]): Promise<string[]> {
    return this.skills.findExistingIds(this.tx.manager, [...new Set(ids)]);
  }

  /** The category of each of these skills (digital, bpo, language, …); unknown ids are absent. */
  async skillCategories(ids: Iterable<string>): Promise<ReadonlyMap<string, SkillCategory>> {
    const skills = await this.findSkills(ids);
    return new Map(skills.map((s) => [s.id, s.category]));
  }

  /** These skills (English name, ESCO URI…) in id order; unknown ids are absent. */
  async findSkills(ids: Iterable<string>): Promise<Skill[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    return this.skills.findByIds(this.tx.manager, wanted);
  }

  /**
   * Canonical names of these skills, for responses (profiles, explanations, courses). Names do
   * not change through the API (curation adds aliases); only a new taxonomy seed can rename, at
   * the start of a new release. So names are cached, bounded by the taxonomy's size and dropped
   * every {@link SKILL_NAME_CACHE_MS}; only misses reach PostgreSQL. Unknown ids are absent.
   */
  async skillNames(ids: Iterable<string>): Promise<ReadonlyMap<string, string>> {
    if (Date.now() - this.nameCacheSince > SKILL_NAME_CACHE_MS) {
      this.nameCache.clear();
      this.nameCacheSince = Date.now();
    }
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.nameCache.has(id));
    if (missing.length > 0) {
      for (const s of await this.skills.findByIds(this.tx.manager, missing)) {
        this.nameCache.set(s.id, s.name);
      }
    }
    const names = new Map<string, string>();
    for (const id of wanted) {
      const name = this.nameCache.get(id);
      if (name !== undefined) names.set(id, name);
    }
    return names;
  }

  /**
   * Names of these skills for an HTTP answer, in the caller's language ({@link answerLocale}:
   * `?lang=`, `Accept-Language`, the account's locale, English): the local label where the skill
   * has one there, else the English name. Every answer that lists skills names them this way;
   * what is stored or indexed keeps {@link skillNames}. Unknown ids are absent.
   */
  answerSkillNames(ids: Iterable<string>): Promise<ReadonlyMap<string, string>> {
    return this.skillNamesIn(ids, answerLocale());
  }

  /**
   * Names in `locale`: English names (cached, see {@link skillNames}) overlaid with the local
   * labels, read in one query. Labels are not cached: an admin's correction shows at once.
   */
  async skillNamesIn(
    ids: Iterable<string>,
    locale: SkillLocale,
  ): Promise<ReadonlyMap<string, string>> {
    const wanted = [...new Set(ids)];
    const [english, local] = await Promise.all([
      this.skillNames(wanted),
      locale === 'en' || wanted.length === 0
        ? Promise.resolve(new Map<string, string>())
        : this.labels.findLabelsIn(this.tx.manager, wanted, locale),
    ]);
    if (local.size === 0) return english;
    const names = new Map(english);
    for (const [id, label] of local) if (names.has(id)) names.set(id, label);
    return names;
  }

  async createSkill(dto: CreateSkillDto): Promise<SkillResponseDto> {
    return this.tx.run(async (manager) => {
      const nameKey = requireKey('name', dto.name);
      const clash = await this.skills.findClash(manager, nameKey, dto.escoUri ?? null);
      if (clash !== null) throw new SkillExistsError(clash.id);
      const skill = await this.skills.insertSkill(manager, {
        escoUri: dto.escoUri ?? null,
        name: dto.name,
        nameKey,
        category: dto.category,
        description: dto.description ?? null,
        source: 'curated',
      });
      const labels = [
        { label: dto.name, lang: 'en', kind: 'preferred' as const },
        ...(dto.aliases ?? []).map((a) => ({
          label: a.label,
          lang: a.lang ?? 'en',
          kind: 'curated' as const,
        })),
      ];
      const seen = new Set<string>();
      await this.skills.insertAliases(
        manager,
        labels
          .map((l) => ({ ...l, skillId: skill.id, foldedLabel: foldKey(l.label), source: 'admin' }))
          .filter(
            (l) => l.foldedLabel !== '' && !seen.has(l.foldedLabel) && seen.add(l.foldedLabel),
          ),
      );
      await this.indexSync.enqueue(manager, [skill.id]);
      return toSkillResponse(skill, await this.skills.findAliasesOf(manager, [skill.id]));
    });
  }

  async addAlias(id: string, dto: NewSkillAliasDto): Promise<SkillResponseDto> {
    return this.tx.run(async (manager) => {
      const skill = await this.skills.findById(manager, id);
      if (skill === null) throw new SkillNotFoundError();
      const foldedLabel = requireKey('label', dto.label);
      const gained = await this.skills.insertAliases(manager, [
        {
          skillId: id,
          label: dto.label,
          lang: dto.lang ?? 'en',
          kind: 'curated',
          foldedLabel,
          source: 'admin',
        },
      ]);
      if (gained.length === 0) throw new SkillAliasExistsError();
      await this.skills.bumpVersions(manager, [id]);
      await this.indexSync.enqueue(manager, [id]);
      return toSkillResponse(skill, await this.skills.findAliasesOf(manager, [id]));
    });
  }
}

/** The folded key of a label, which must hold at least one letter or digit to be findable. */
function requireKey(field: string, label: string): string {
  const key = foldKey(label);
  if (key === '')
    throw new InputValidationError([{ field, message: `${field} must contain a letter or digit` }]);
  return key;
}
