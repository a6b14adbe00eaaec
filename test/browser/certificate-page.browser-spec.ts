/// <reference lib="dom" />
// The callbacks given to page.evaluate run inside the browser, hence the DOM types.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { issueCertificate, type IssuedCertificate } from '../support/certificate-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Debian's chromium (CI installs it with apt-get); CHROMIUM_PATH points at another build. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is not on PATH: apt-get install -y chromium, or set CHROMIUM_PATH');
  }
}

const HOSTILE_NAME = '<img src=x onerror="document.title=\'pwned\'">Jelena Đorđević';

describe('certificate verification page in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let valid: IssuedCertificate;
  let revoked: IssuedCertificate;

  /** Opens the page as a phone or desktop browser would, collecting console errors (CSP). */
  async function open(
    path: string,
    options: { width?: number; language?: string } = {},
  ): Promise<{ page: Page; status: number; cspErrors: string[] }> {
    const page = await browser.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') cspErrors.push(m.text());
    });
    await page.setViewport({ width: options.width ?? 360, height: 740, isMobile: true });
    if (options.language) await page.setExtraHTTPHeaders({ 'accept-language': options.language });
    const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
    return { page, status: response?.status() ?? 0, cspErrors };
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    valid = await issueCertificate(t, HOSTILE_NAME);
    revoked = await issueCertificate(t, 'Arben Krasniqi', { courseTitle: 'Customer support' });
    await t.http
      .post(`/api/certificates/${revoked.code}/revoke`)
      .auth(revoked.trainer.accessToken, { type: 'bearer' })
      .send({ reason: 'Issued to the wrong person' })
      .expect(200);
    browser = await puppeteer.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a valid certificate reads well on a 360-px phone: status, holder, course, skills', async () => {
    const { page, status, cspErrors } = await open(`/api/certificates/${valid.code}`);
    expect(status).toBe(200);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('Valid certificate');
    // The hostile name is shown as text: no element was created, no handler ran.
    expect(text).toContain(HOSTILE_NAME);
    expect(await page.$$('main img, script')).toHaveLength(0);
    expect(await page.title()).not.toBe('pwned');
    expect(text).toContain('Web development with JavaScript (96 hours)');
    expect(text).toContain('Tirana Tech Academy');
    expect(text).toContain(valid.programmeCode);
    expect(text).toMatch(/JavaScript — level 3 of 5/);
    expect(text).toMatch(/SQL — level 2 of 5/);

    const layout = await page.evaluate(() => {
      const status = document.querySelector('.status') as HTMLElement;
      const main = document.querySelector('main') as HTMLElement;
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        mainRight: main.getBoundingClientRect().right,
        statusBackground: getComputedStyle(status).backgroundColor,
        statusRole: status.getAttribute('role'),
        bodyFontSize: parseFloat(getComputedStyle(document.body).fontSize),
        heading: document.querySelector('h1')?.textContent,
        lang: document.documentElement.lang,
      };
    });
    // Nothing wider than the screen: no sideways scrolling on a phone.
    expect(layout.clientWidth).toBe(360);
    expect(layout.scrollWidth).toBeLessThanOrEqual(360);
    expect(layout.mainRight).toBeLessThanOrEqual(360);
    // The inline style applied (its CSP hash matches): a green status box.
    expect(layout.statusBackground).toBe('rgb(231, 245, 236)');
    expect(layout.statusRole).toBe('status');
    expect(layout.bodyFontSize).toBeGreaterThanOrEqual(16);
    expect(layout.heading).toBe('Certificate verification');
    expect(layout.lang).toBe('en-GB');
    expect(cspErrors).toEqual([]);
    await page.close();
  });

  it('a revoked certificate says so, and since when, in the reader’s language', async () => {
    const { page, status } = await open(`/api/certificates/${revoked.code}`, {
      language: 'sr-Cyrl, en;q=0.5',
    });
    expect(status).toBe(200);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('Опозван сертификат');
    expect(text).toMatch(/Опозван \d{1,2}\. \S+ \d{4}\./);
    expect(text).not.toContain('wrong person');
    const background = await page.$eval('.status', (e) => getComputedStyle(e).backgroundColor);
    expect(background).toBe('rgb(253, 236, 234)');
    await page.close();
  });

  it('an unknown code shows a 404 page; ?lang= picks Albanian', async () => {
    const { page, status } = await open(`/api/certificates/${'A'.repeat(32)}?lang=sq`);
    expect(status).toBe(404);
    expect(await page.evaluate(() => document.body.innerText)).toContain('Certifikata nuk u gjet');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sq');
    await page.close();
  });

  it('on a desktop the card stays a readable column', async () => {
    const { page } = await open(`/api/certificates/${valid.code}`, { width: 1280 });
    const width = await page.$eval('main', (e) => e.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(640);
    await page.close();
  });
});
