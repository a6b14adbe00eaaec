import { DEFAULT_LOCALE, escapeHtml, isLocale, translate, type Locale } from '@app/mail';
import { createHash } from 'node:crypto';

/**
 * The pages the e-mailed account links open in a browser: choosing a new password (a form whose
 * small script posts JSON to the confirm route of the same origin) and the confirmation of an
 * e-mail address. Texts come from the mail catalogues, in the account's language. Like the
 * certificate page, the only script and style are inline and allowed by their hashes: nothing
 * else runs, loads or frames the page.
 */

const STYLE =
  'body{font-family:sans-serif;line-height:1.5;max-width:32em;margin:2em auto;padding:0 1em}' +
  'label,input,button{display:block;font-size:1em;margin:.4em 0}input{width:100%;padding:.4em}' +
  'button{padding:.5em 1em}#out{font-weight:bold}';

/** Reads its texts from data- attributes, so it never changes and its hash stays valid. */
const SCRIPT = `(function () {
  var f = document.getElementById('reset');
  var out = document.getElementById('out');
  f.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = f.querySelector('button');
    button.disabled = true;
    fetch(f.getAttribute('data-action'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ token: f.elements.token.value, password: f.elements.password.value })
    }).then(function (res) {
      if (res.status === 204) {
        f.hidden = true;
        out.textContent = f.getAttribute('data-done');
        return;
      }
      return res.json().catch(function () { return {}; }).then(function (problem) {
        var reasons = (problem.errors || []).map(function (e) { return e.message; }).join('; ');
        out.textContent = f.getAttribute('data-failed') + ' ' + (reasons || problem.detail || res.status);
        button.disabled = false;
      });
    }, function () {
      out.textContent = f.getAttribute('data-failed');
      button.disabled = false;
    });
  });
})();`;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64');

/** The Content-Security-Policy of every account page. */
export const ACCOUNT_PAGE_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${sha256(SCRIPT)}'`,
  `style-src 'sha256-${sha256(STYLE)}'`,
  "connect-src 'self'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function page(locale: Locale, title: string, body: string, script = false): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(locale)}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)} · Talentbridge</title><style>${STYLE}</style></head>`,
    `<body><h1>${escapeHtml(title)}</h1>${body}`,
    script ? `<script>${SCRIPT}</script>` : '',
    '</body></html>',
  ].join('');
}

/** The form that sets a new password with the token of the e-mailed link. */
export function passwordResetPage(locale: Locale, token: string, action: string): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return page(
    locale,
    t('page.reset.title'),
    `<p>${escapeHtml(t('page.reset.intro'))}</p>` +
      `<form id="reset" data-action="${escapeHtml(action)}" data-done="${escapeHtml(t('page.reset.done'))}" data-failed="${escapeHtml(t('page.reset.failed'))}">` +
      `<input type="hidden" name="token" value="${escapeHtml(token)}">` +
      `<label for="password">${escapeHtml(t('page.reset.password'))}</label>` +
      '<input id="password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="256" required>' +
      `<button type="submit">${escapeHtml(t('page.reset.submit'))}</button></form>` +
      '<p id="out" role="status" aria-live="polite"></p>',
    true,
  );
}

/** The address is confirmed. */
export function emailVerifiedPage(locale: Locale): string {
  return page(
    locale,
    'Talentbridge',
    `<p>${escapeHtml(translate(locale, 'page.verify.done'))}</p>`,
  );
}

/** An unknown, used or expired link. */
export function invalidLinkPage(locale: Locale): string {
  return page(
    locale,
    'Talentbridge',
    `<p>${escapeHtml(translate(locale, 'page.linkInvalid'))}</p>`,
  );
}

/** The best of `Accept-Language` among our locales (sr-Cyrl for Cyrillic Serbian), else English. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  const ranges = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag !== '' && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag.startsWith('sr-cyrl') || tag === 'sr-rs' || tag === 'sr') {
      return tag.startsWith('sr-cyrl') ? 'sr-Cyrl' : 'sr';
    }
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}
