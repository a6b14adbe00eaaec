import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  assessListingRisk,
  loadListingRiskConfig,
  offeredHourlyEur,
  validateListingRiskConfig,
  type ListingUnderReview,
} from './listing-risk.js';

const config = loadListingRiskConfig(join(process.cwd(), 'config/listing-risk.json'));

const DUTIES =
  'Answer customer e-mails and chats for an online shop selling garden furniture in Germany, ' +
  'log every ticket in Zendesk, escalate refunds to the team lead and keep the FAQ up to date.';

function listing(
  overrides: Partial<ListingUnderReview['values']> = {},
  more: Partial<ListingUnderReview> = {},
): ListingUnderReview {
  return {
    values: {
      title: 'Customer support agent (German)',
      description: DUTIES,
      budget: { type: 'hourly', minEur: 10, maxEur: 15 },
      hoursPerWeek: 20,
      durationWeeks: 12,
      ...overrides,
    },
    source: 'upwork',
    sourceUrl: 'https://www.upwork.com/jobs/~01a2b3c4',
    skillCategories: ['bpo', 'language'],
    ...more,
  };
}

const rulesOf = (l: ListingUnderReview) => assessListingRisk(l, config).findings.map((f) => f.rule);
const withText = (extra: string) => listing({ description: `${DUTIES} ${extra}` });

describe('listing risk rules (config/listing-risk.json)', () => {
  it('an honest listing is low risk with no reasons', () => {
    expect(assessListingRisk(listing(), config)).toEqual({ level: 'low', findings: [] });
  });

  it('messaging_app: WhatsApp, Telegram and friends, in words or links', () => {
    for (const text of [
      'Message me on WhatsApp first.',
      'Join t.me/jobsnow',
      'My telegram: @hire',
      'wa.me/38344111222',
    ]) {
      expect(rulesOf(withText(text))).toContain('messaging_app');
    }
    const risk = assessListingRisk(withText('Contact me on Whats App.'), config);
    expect(risk.level).toBe('medium');
    expect(risk.findings[0].reason).toMatch(/^Asks to talk on Whats App, outside the platform/);
  });

  it('email_contact: an e-mail address to write to', () => {
    const risk = assessListingRisk(
      withText('Send your CV to hr.jobs2026@gmail.com today.'),
      config,
    );
    expect(risk.findings.map((f) => f.rule)).toEqual(['email_contact']);
    expect(risk.findings[0].reason).toContain('hr.jobs2026@gmail.com');
    expect(risk.level).toBe('medium');
  });

  it('off_platform_payment: paying outside the platform, by PayPal, wire, Western Union', () => {
    for (const text of [
      'We pay outside the platform to avoid fees.',
      'Payment will be sent via PayPal every Friday.',
      'Salary is paid by bank transfer.',
      'Weekly pay through Western Union.',
      'I will pay you directly.',
    ]) {
      expect(rulesOf(withText(text))).toContain('off_platform_payment');
    }
    // A developer job that integrates PayPal is not a payment arrangement.
    expect(rulesOf(withText('Integrate the PayPal checkout API into our shop.'))).toEqual([]);
    expect(assessListingRisk(withText('Payment via PayPal.'), config).level).toBe('high');
  });

  it('fee_requested: fees, deposits and required purchases asked of the worker', () => {
    for (const text of [
      'A small registration fee of 30 EUR applies.',
      'You must buy our starter kit before you begin.',
      'Pay a one-time fee for the training materials.',
      'A refundable deposit secures your place.',
      'Candidates must purchase the software licence.',
    ]) {
      expect(rulesOf(withText(text))).toContain('fee_requested');
    }
    expect(rulesOf(withText('Reconcile bank deposits in Xero.'))).toEqual([]);
    const risk = assessListingRisk(withText('Registration fee: 20 EUR.'), config);
    expect(risk.level).toBe('high');
    expect(risk.findings[0].reason).toMatch(/Asks the worker for money \("Registration fee"\)/);
  });

  it('crypto_or_gift_cards: paid in crypto, gift cards', () => {
    for (const text of [
      'You will be paid in USDT every week.',
      'Payment by bitcoin only.',
      'Rewards are paid as Amazon gift cards.',
      'Buy iTunes cards for the client.',
      'Send it to my BTC wallet.',
    ]) {
      expect(rulesOf(withText(text))).toContain('crypto_or_gift_cards');
    }
    expect(rulesOf(withText('Build smart contracts for a crypto exchange.'))).toEqual([]);
  });

  it('pay_above_market: hourly pay far above the typical top for the skills', () => {
    // bpo/language: typical top 25 EUR/h; 2.5 × 25 = 62.5
    const risk = assessListingRisk(
      listing({ budget: { type: 'hourly', minEur: 70, maxEur: 90 } }),
      config,
    );
    expect(risk.findings.map((f) => f.rule)).toEqual(['pay_above_market']);
    expect(risk.findings[0].reason).toContain('about 90 EUR an hour');
    expect(risk.findings[0].reason).toContain('25 EUR');
    expect(risk.level).toBe('medium');
    // The same rate is ordinary for digital work (top 40, limit 100).
    expect(
      rulesOf(
        listing(
          { budget: { type: 'hourly', minEur: 70, maxEur: 90 } },
          { skillCategories: ['digital'] },
        ),
      ),
    ).toEqual([]);
    // Fixed budgets count over their hours: 12,000 EUR for 20 h × 4 weeks = 150 EUR/h.
    expect(
      rulesOf(
        listing({ budget: { type: 'fixed', minEur: null, maxEur: 12000 }, durationWeeks: 4 }),
      ),
    ).toEqual(['pay_above_market']);
    expect(
      offeredHourlyEur({
        ...listing().values,
        budget: { type: 'fixed', minEur: 500, maxEur: null },
        hoursPerWeek: null,
      }),
    ).toBeNull();
    expect(rulesOf(listing({ budget: null }))).toEqual([]);
  });

  it('vague_duties: too few words about the work, or easy-money phrases', () => {
    const short = assessListingRisk(listing({ description: 'Simple work, good pay.' }), config);
    expect(short.findings.map((f) => f.rule)).toEqual(['vague_duties']);
    expect(short.findings[0].reason).toContain('only 4 words describe the work');
    for (const text of [
      'Easy money from home!',
      'No experience needed.',
      'Earn $300 per day.',
      'Anyone can do it.',
    ]) {
      expect(rulesOf(withText(text))).toContain('vague_duties');
    }
  });

  it('url_outside_source: the source URL or links in the text on another domain', () => {
    const risk = assessListingRisk(
      listing({}, { sourceUrl: 'https://upwork-jobs.example.com/1' }),
      config,
    );
    expect(risk.findings.map((f) => f.rule)).toEqual(['url_outside_source']);
    expect(risk.findings[0].reason).toBe(
      'The link https://upwork-jobs.example.com/1 does not belong to upwork: check where it leads before anyone follows it or applies through it.',
    );
    expect(rulesOf(withText('Apply at https://bit.ly/3xYz now'))).toEqual(['url_outside_source']);
    expect(rulesOf(withText('See https://www.upwork.com/freelance-jobs/apply/x'))).toEqual([]);
    // "other" sources: the listing's own host is the source.
    expect(
      rulesOf(
        listing(
          { description: `${DUTIES} More at https://jobs.acme.example/careers` },
          { source: 'other', sourceUrl: 'https://jobs.acme.example/1' },
        ),
      ),
    ).toEqual([]);
    expect(
      rulesOf(
        listing(
          { description: `${DUTIES} Apply: https://forms.gle/abc` },
          { source: 'other', sourceUrl: 'https://jobs.acme.example/1' },
        ),
      ),
    ).toEqual(['url_outside_source']);
  });

  it('signals add up: off-platform contact and an e-mail together are high', () => {
    const risk = assessListingRisk(
      withText('Text me on Telegram or write to boss@yahoo.com'),
      config,
    );
    expect(risk.level).toBe('high');
    expect(risk.findings.map((f) => f.rule)).toEqual(['messaging_app', 'email_contact']);
  });

  it('every rule in the file has a test above', () => {
    expect(config.rules.map((r) => r.id).sort()).toEqual(
      [
        'crypto_or_gift_cards',
        'email_contact',
        'fee_requested',
        'messaging_app',
        'off_platform_payment',
        'pay_above_market',
        'url_outside_source',
        'vague_duties',
      ].sort(),
    );
  });

  it('a broken config is refused naming what is wrong', () => {
    const good = JSON.parse(JSON.stringify(config));
    expect(() =>
      validateListingRiskConfig({ ...good, thresholds: { medium: 3, high: 1 } }),
    ).toThrow(/thresholds/);
    expect(() =>
      validateListingRiskConfig({ ...good, rules: [{ ...good.rules[0], patterns: ['(('] }] }),
    ).toThrow(/rules\[0\]\.patterns\[0\]/);
    expect(() =>
      validateListingRiskConfig({ ...good, rules: [good.rules[0], good.rules[0]] }),
    ).toThrow(/appears twice/);
    expect(() => validateListingRiskConfig({ ...good, sourceDomains: { myspace: ['x'] } })).toThrow(
      /myspace/,
    );
    expect(() => loadListingRiskConfig('/nonexistent/listing-risk.json')).toThrow(/cannot read/);
  });
});
