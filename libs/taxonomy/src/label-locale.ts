import { LABEL_LOCALES, type LabelLocale } from './skill-label-file.js';

/** Locales `label` can be asked in: English (the skill's own name) and the local ones. */
export const SKILL_LOCALES = ['en', ...LABEL_LOCALES] as const;
export type SkillLocale = (typeof SKILL_LOCALES)[number];

/**
 * The product locale a BCP 47 tag means: `sr-Cyrl…` → sr-Cyrl, other Serbian (and Montenegrin
 * `cnr`, Serbo-Croatian `sh`) → sr (Latin, as the product writes Serbian by default), Croatian →
 * bs (the closest labels), `sq…`, `mk…`, `bs…`, `en…` as they are; anything else undefined.
 */
export function localeOfTag(tag: string): SkillLocale | undefined {
  const t = tag.trim().toLowerCase();
  const [language] = t.split(/[-_]/);
  if (language === 'sr') return /(^|[-_])cyrl($|[-_])/.test(t) ? 'sr-Cyrl' : 'sr';
  if (language === 'cnr' || language === 'sh') return 'sr';
  if (language === 'hr') return 'bs';
  if (language === 'sq' || language === 'mk' || language === 'bs' || language === 'en')
    return language;
  return undefined;
}

/**
 * The locale to answer in: `lang` when given, else the first supported language of an
 * `Accept-Language` header by quality (`sq;q=0.9, en;q=0.8`), else `fallback` (the signed-in
 * caller's own locale, where there is one), else English.
 */
export function pickLocale(
  lang: SkillLocale | undefined,
  acceptLanguage: string | undefined,
  fallback: SkillLocale = 'en',
): SkillLocale {
  if (lang !== undefined) return lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.tag.trim() !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    const locale = localeOfTag(r.tag);
    if (locale !== undefined) return locale;
  }
  return fallback;
}

export function isSkillLocale(value: unknown): value is SkillLocale {
  return typeof value === 'string' && (SKILL_LOCALES as readonly string[]).includes(value);
}

export function isLabelLocale(value: string): value is LabelLocale {
  return (LABEL_LOCALES as readonly string[]).includes(value);
}
