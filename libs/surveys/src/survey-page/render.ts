import { escapeHtml } from '@app/mail';
import { createHash } from 'node:crypto';
import type { FieldError } from '@app/http';
import { SECTORS, SURVEY_LINK_PATH, WORK_STATUSES } from '../survey-values.js';
import type { SurveyTexts } from './survey-texts.js';

/** One column, large tap targets, system fonts; the CSP allows exactly this block. */
const STYLE = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:112.5%;line-height:1.5;color:#1a1a1a;background:#f4f5f7}
body{margin:0;padding:1rem}
main{max-width:32rem;margin:0 auto;background:#fff;border-radius:.5rem;padding:1.25rem;border:1px solid #d0d4da}
h1{font-size:1.3rem;margin:0 0 .5rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend,label.q{font-weight:600;display:block;margin-bottom:.5rem}
label.o{display:flex;gap:.6rem;align-items:center;padding:.6rem .75rem;border:1px solid #c4c9d0;border-radius:.4rem;margin:.35rem 0}
input[type=radio]{width:1.4rem;height:1.4rem}
input[type=text]{width:100%;font-size:1.1rem;padding:.6rem;border:1px solid #8a9099;border-radius:.4rem}
small{color:#555}
button{width:100%;font-size:1.15rem;padding:.85rem;border:0;border-radius:.4rem;background:#1e5fbf;color:#fff;font-weight:600}
.note{border-radius:.4rem;padding:.75rem 1rem;margin:0 0 1rem;border:2px solid #8a5a00;background:#fff4e0}
.done{border-color:#1e7a3c;background:#e7f5ec}
`.trim();

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The page may post its own form back and load nothing else (no script at all). */
export const SURVEY_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function layout(t: SurveyTexts, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(t.tag)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.title)} · Talentbridge</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>`;
}

const radio = (name: string, value: string, label: string, checked: boolean) =>
  `<label class="o"><input type="radio" name="${name}" value="${escapeHtml(value)}"${
    checked ? ' checked' : ''
  }> ${escapeHtml(label)}</label>`;

/**
 * The survey on one screen: what the person does now, income, hours, field and whether it is
 * the work found through Talentbridge. Posts back (form-encoded) to the same link.
 */
export function renderSurveyForm(
  t: SurveyTexts,
  token: string,
  previous: { values?: Record<string, string>; errors?: FieldError[] } = {},
): string {
  const v = previous.values ?? {};
  const errors = previous.errors ?? [];
  const problems =
    errors.length === 0
      ? ''
      : `<div class="note" role="alert"><p>${escapeHtml(t.checkAnswers)}</p><ul>${errors
          .map((e) => `<li>${escapeHtml(questionOf(t, e.field))}</li>`)
          .join('')}</ul></div>`;
  const action = `${SURVEY_LINK_PATH}?token=${encodeURIComponent(token)}`;
  return layout(
    t,
    `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
${problems}
<form method="post" action="${escapeHtml(action)}">
<fieldset><legend>${escapeHtml(t.statusQuestion)}</legend>
${WORK_STATUSES.map((s) => radio('status', s, t.statuses[s], v.status === s)).join('\n')}
</fieldset>
<label class="q" for="income">${escapeHtml(t.incomeQuestion)}</label>
<fieldset><input id="income" type="text" inputmode="decimal" name="monthlyIncomeEur" value="${escapeHtml(v.monthlyIncomeEur ?? '')}" autocomplete="off">
<small>${escapeHtml(t.optional)}</small></fieldset>
<label class="q" for="hours">${escapeHtml(t.hoursQuestion)}</label>
<fieldset><input id="hours" type="text" inputmode="decimal" name="hoursPerWeek" value="${escapeHtml(v.hoursPerWeek ?? '')}" autocomplete="off">
<small>${escapeHtml(t.optional)}</small></fieldset>
<fieldset><legend>${escapeHtml(t.sectorQuestion)}</legend>
${SECTORS.map((s) => radio('sector', s, t.sectors[s], v.sector === s)).join('\n')}
</fieldset>
<fieldset><legend>${escapeHtml(t.sameQuestion)}</legend>
${radio('sameEngagement', 'yes', t.yes, v.sameEngagement === 'yes')}
${radio('sameEngagement', 'no', t.no, v.sameEngagement === 'no')}
</fieldset>
<button type="submit">${escapeHtml(t.send)}</button>
</form>`,
  );
}

/** A short page with one message: thanks, already answered, closed or unknown link. */
export function renderSurveyMessage(t: SurveyTexts, message: string, done = false): string {
  return layout(
    t,
    `<h1>${escapeHtml(t.title)}</h1>\n<div class="note${done ? ' done' : ''}"><p>${escapeHtml(message)}</p></div>`,
  );
}

function questionOf(t: SurveyTexts, field: string): string {
  switch (field) {
    case 'status':
      return t.statusQuestion;
    case 'monthlyIncomeEur':
      return t.incomeQuestion;
    case 'hoursPerWeek':
      return t.hoursQuestion;
    case 'sector':
      return t.sectorQuestion;
    case 'sameEngagement':
      return t.sameQuestion;
    default:
      return field;
  }
}
