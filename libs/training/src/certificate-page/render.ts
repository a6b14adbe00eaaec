import { createHash } from 'node:crypto';
import type { CertificatePageMessages } from './messages.js';

/** What the page shows; names come straight from users and are escaped when rendered. */
export interface CertificatePageView {
  code: string;
  holderName: string;
  courseTitle: string;
  courseHours: number;
  providerName: string;
  programme: string | null;
  issuedAt: Date;
  revokedAt: Date | null;
  skills: { name: string; level: number }[];
}

/**
 * The page's only style, inline so the page needs nothing else; the Content-Security-Policy
 * allows exactly this block by its hash and nothing else (no script, no fonts, no images).
 * System fonts, one column, large tap targets: read on a phone first.
 */
const STYLE = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#f4f5f7}
body{margin:0;padding:1rem}
main{max-width:40rem;margin:0 auto;background:#fff;border-radius:.5rem;padding:1.25rem;border:1px solid #d0d4da}
h1{font-size:1.25rem;margin:0 0 1rem}
.status{border-radius:.375rem;padding:.75rem 1rem;margin:0 0 1.25rem;border:2px solid}
.status strong{display:block;font-size:1.25rem}
.status p{margin:.25rem 0 0}
.valid{background:#e7f5ec;border-color:#1e7a3c;color:#0f4d24}
.revoked{background:#fdecea;border-color:#b3261e;color:#7a1711}
.missing{background:#fff4e0;border-color:#8a5a00;color:#5c3c00}
dl{margin:0}
dt{font-weight:600;margin-top:.75rem;color:#3a3f46}
dd{margin:0;overflow-wrap:anywhere}
ul{margin:.25rem 0 0;padding-left:1.25rem}
li{margin:.25rem 0}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.875rem}
`.trim();

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** Allows the one inline style block above and nothing else. */
export const CERTIFICATE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Fills `{name}` placeholders with already escaped values. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

function formatDate(date: Date, m: CertificatePageMessages): string {
  return new Intl.DateTimeFormat(m.tag, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function layout(m: CertificatePageMessages, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(m.tag)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(m.title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** The verification page of a certificate that exists (valid or revoked). */
export function renderCertificatePage(
  view: CertificatePageView,
  m: CertificatePageMessages,
): string {
  const revoked = view.revokedAt !== null;
  const status = revoked
    ? `<section class="status revoked" role="status"><strong>${escapeHtml(m.revoked)}</strong>
<p>${escapeHtml(fill(m.revokedNote, { date: formatDate(view.revokedAt as Date, m) }))}</p></section>`
    : `<section class="status valid" role="status"><strong>${escapeHtml(m.valid)}</strong>
<p>${fill(escapeHtml(m.validNote), { provider: escapeHtml(view.providerName) })}</p></section>`;
  const row = (term: string, value: string) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`;
  const skills = view.skills
    .map(
      (s) =>
        `<li>${escapeHtml(s.name)} — ${escapeHtml(fill(m.level, { level: String(s.level) }))}</li>`,
    )
    .join('');
  const rows = [
    row(m.holder, escapeHtml(view.holderName)),
    row(
      m.course,
      `${escapeHtml(view.courseTitle)} (${escapeHtml(fill(m.hours, { hours: String(view.courseHours) }))})`,
    ),
    row(m.provider, escapeHtml(view.providerName)),
    ...(view.programme === null ? [] : [row(m.programme, escapeHtml(view.programme))]),
    row(m.issued, escapeHtml(formatDate(view.issuedAt, m))),
    ...(view.skills.length === 0 ? [] : [row(m.skills, `<ul>${skills}</ul>`)]),
    row(m.code, `<span class="code">${escapeHtml(view.code)}</span>`),
  ];
  const title = `${revoked ? m.revoked : m.valid}: ${view.holderName}`;
  return layout(m, title, `${status}\n<dl>${rows.join('\n')}</dl>`);
}

/** The page for a code no certificate has (served with status 404). */
export function renderCertificateNotFoundPage(m: CertificatePageMessages): string {
  return layout(
    m,
    m.notFound,
    `<section class="status missing" role="status"><strong>${escapeHtml(m.notFound)}</strong>
<p>${escapeHtml(m.notFoundNote)}</p></section>`,
  );
}
