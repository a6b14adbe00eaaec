import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OPPORTUNITIES_INDEX } from '@app/opportunities';
import { OutboxRelay, SearchIndexRegistry } from '@app/search';
import { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import {
  registerWebhook,
  startReceiver,
  WEBHOOK_TEST_ENV,
} from '../support/brokering-factories.js';
import {
  loginAdmin,
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import {
  bearer,
  makeImportRow,
  makeListingBody,
  resolvedPostings,
  toCsv,
  type ResolvedPosting,
} from '../support/opportunity-factories.js';
import { putProfile } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Listing {
  id: string;
  status: string;
  risk: { level: string; reasons: string[] };
}

describe('listing scam screening, review and flags (HTTP)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let broker: SignedIn;
  let otherBroker: SignedIn;
  let company: SignedIn;
  let trainees: SignedIn[];
  let postings: ResolvedPosting[];

  const create = async (overrides: Record<string, unknown> = {}, who?: SignedIn) => {
    const res = await t.http
      .post('/api/listings')
      .auth(...bearer(who ?? broker))
      .send(makeListingBody(postings[0], overrides));
    expect(res.status).toBe(201);
    return res.body as Listing;
  };
  const withText = (extra: string) => ({ description: `${postings[0].description}\n${extra}` });
  const get = (who: SignedIn, id: string) => t.http.get(`/api/listings/${id}`).auth(...bearer(who));
  const flag = (who: SignedIn, id: string, body: object = { reason: 'scam' }) =>
    t.http
      .post(`/api/listings/${id}/flags`)
      .auth(...bearer(who))
      .send(body);
  const events = async (id: string) =>
    (
      await t.http
        .get(`/api/listings/${id}/events`)
        .auth(...bearer(broker))
        .expect(200)
    ).body.items as {
      fromStatus: string | null;
      toStatus: string;
      actorRole: string | null;
      note: string;
    }[];

  async function indexedIds(): Promise<string[]> {
    await t.app.get(OutboxRelay).drain();
    const uid = t.app.get(SearchIndexRegistry).uidOf(OPPORTUNITIES_INDEX);
    const docs = await t.app
      .get(Meilisearch)
      .index(uid)
      .getDocuments({ limit: 1000, fields: ['id'] });
    return docs.results.map((d) => d.id as string);
  }
  async function recommendedIds(trainee: SignedIn): Promise<string[]> {
    await t.app.get(OutboxRelay).drain();
    const res = await t.http
      .get('/api/profiles/me/recommendations?limit=100')
      .auth(...bearer(trainee))
      .expect(200);
    return (res.body as { opportunity: { id: string } }[]).map((r) => r.opportunity.id);
  }

  beforeAll(async () => {
    t = await createTestApp(WEBHOOK_TEST_ENV);
    admin = await loginAdmin(t);
    [broker, otherBroker, company] = await Promise.all([
      makeBroker(t, admin),
      makeBroker(t, admin),
      registerCompany(t),
    ]);
    trainees = [];
    for (let i = 0; i < 6; i++) trainees.push(await registerTrainee(t));
    postings = await resolvedPostings(t, admin, 2);
    // The first trainee fits every listing built from postings[0]: recommendations show them.
    await putProfile(t, trainees[0], {
      skills: postings[0].known.slice(0, 5).map((k) => ({ skillId: k.skillId, level: 5 })),
      languages: [{ code: 'en', level: 'C1' }],
      country: 'XK',
      city: 'Pristina',
      engagementTypes: ['freelance'],
      workModes: ['remote'],
      hoursPerWeek: 40,
      hourlyRateEur: 10,
    });
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  describe('each rule, through the API', () => {
    it('an honest listing is low risk and open', async () => {
      const listing = await create();
      expect(listing.status).toBe('open');
      expect(listing.risk).toEqual({ level: 'low', reasons: [] });
    });

    const cases: {
      rule: string;
      overrides: () => Record<string, unknown>;
      level: string;
      says: RegExp;
    }[] = [
      {
        rule: 'messaging_app',
        overrides: () => withText('Message me on WhatsApp to start.'),
        level: 'medium',
        says: /^Asks to talk on WhatsApp, outside the platform/,
      },
      {
        rule: 'email_contact',
        overrides: () => withText('Send your CV to hr.team@gmail.com'),
        level: 'medium',
        says: /hr\.team@gmail\.com to reach the client outside the platform/,
      },
      {
        rule: 'off_platform_payment',
        overrides: () => withText('Payment via PayPal every Friday.'),
        level: 'high',
        says: /payment outside the platform leaves the worker without its payment protection/,
      },
      {
        rule: 'fee_requested',
        overrides: () => withText('A registration fee of 25 EUR applies.'),
        level: 'high',
        says: /^Asks the worker for money \("registration fee"\)/,
      },
      {
        rule: 'crypto_or_gift_cards',
        overrides: () => withText('You will be paid in USDT.'),
        level: 'high',
        says: /crypto or gift cards cannot be traced/,
      },
      {
        rule: 'pay_above_market',
        overrides: () => ({ budget: { type: 'hourly', minEur: 180, maxEur: 220 } }),
        level: 'medium',
        says: /^Offers about 220 EUR an hour, more than 2\.5 times the usual top/,
      },
      {
        rule: 'vague_duties',
        overrides: () => ({ description: 'Easy money. Simple online tasks, flexible hours.' }),
        level: 'medium',
        says: /^The duties are vague \("Easy money"\)/,
      },
      {
        rule: 'url_outside_source',
        overrides: () => ({ sourceUrl: 'https://upwork-jobs.example.net/apply/42' }),
        level: 'medium',
        says: /^The link https:\/\/upwork-jobs\.example\.net\/apply\/42 does not belong to upwork/,
      },
    ];
    for (const c of cases) {
      it(`${c.rule}: ${c.level}, with a reason a broker understands`, async () => {
        const listing = await create(c.overrides());
        expect(listing.risk.level).toBe(c.level);
        expect(listing.risk.reasons).toHaveLength(1);
        expect(listing.risk.reasons[0]).toMatch(c.says);
        expect(listing.status).toBe(c.level === 'high' ? 'review' : 'open');
        const trail = await events(listing.id);
        expect(trail[0]).toMatchObject({
          fromStatus: null,
          toStatus: listing.status,
          actorRole: 'broker',
        });
        expect(trail[0].note).toContain(c.rule);
      });
    }
  });

  describe('review', () => {
    it('a high-risk listing is seen only by brokers of its organisation, never by trainees', async () => {
      const medium = await create(withText('Ping me on Telegram.'));
      const high = await create(withText('A small registration fee applies.'));
      expect(high.status).toBe('review');
      await get(broker, high.id).expect(200);
      await get(admin, high.id).expect(200);
      await get(otherBroker, high.id).expect(404);
      await get(trainees[0], high.id).expect(403);
      const list = await t.http
        .get('/api/listings?status=review&limit=100')
        .auth(...bearer(broker))
        .expect(200);
      expect(list.body.items.map((l: Listing) => l.id)).toContain(high.id);

      expect(await indexedIds()).not.toContain(high.id);
      expect(await indexedIds()).toContain(medium.id);
      const recommended = await recommendedIds(trainees[0]);
      expect(recommended).toContain(medium.id);
      expect(recommended).not.toContain(high.id);
      // A trainee cannot flag (or otherwise reach) what they cannot see.
      await flag(trainees[1], high.id).expect(404);
      // Nor apply to it.
      const apply = await t.http
        .post('/api/matches')
        .auth(...bearer(trainees[0]))
        .send({ listingId: high.id });
      expect(apply.status).not.toBe(201);
    });

    it('a broker of its organisation publishes it (recorded in its audit) or closes it', async () => {
      const high = await create(withText('Paid in bitcoin.'));
      await t.http
        .post(`/api/listings/${high.id}/publish`)
        .auth(...bearer(otherBroker))
        .expect(404);
      await t.http
        .post(`/api/listings/${high.id}/publish`)
        .auth(...bearer(trainees[0]))
        .expect(403);
      const published = await t.http
        .post(`/api/listings/${high.id}/publish`)
        .auth(...bearer(broker))
        .expect(200);
      expect(published.body).toMatchObject({ status: 'open', risk: { level: 'high' } });
      expect(published.body.publishedAt).not.toBeNull();
      const trail = await events(high.id);
      expect(trail.map((e) => [e.fromStatus, e.toStatus])).toEqual([
        [null, 'review'],
        ['review', 'open'],
      ]);
      expect(trail[1]).toMatchObject({ actorRole: 'broker' });
      expect(trail[1].note).toMatch(/^published after review \(risk high: crypto_or_gift_cards\)/);
      expect(await indexedIds()).toContain(high.id);

      const other = await create(withText('Western Union payment: pay via Western Union.'));
      const closed = await t.http
        .post(`/api/listings/${other.id}/close`)
        .auth(...bearer(broker))
        .expect(200);
      expect(closed.body.status).toBe('closed');
      expect((await events(other.id)).at(-1)).toMatchObject({
        fromStatus: 'review',
        toStatus: 'closed',
      });
      await t.http
        .get(`/api/listings/${other.id}/events`)
        .auth(...bearer(otherBroker))
        .expect(404);
      await t.http
        .get(`/api/listings/${other.id}/events`)
        .auth(...bearer(trainees[0]))
        .expect(403);
    });

    it('publishing a high-risk draft holds it for review; an edit that makes an open listing high-risk does too', async () => {
      const draft = await create({ ...withText('Buy our starter kit first.'), status: 'draft' });
      expect(draft.status).toBe('draft');
      const held = await t.http
        .post(`/api/listings/${draft.id}/publish`)
        .auth(...bearer(broker))
        .expect(200);
      expect(held.body.status).toBe('review');

      const open = await create();
      expect(await indexedIds()).toContain(open.id);
      const edited = await t.http
        .patch(`/api/listings/${open.id}`)
        .auth(...bearer(broker))
        .send(withText('Salary paid by bank transfer, off platform.'))
        .expect(200);
      expect(edited.body).toMatchObject({ status: 'review', risk: { level: 'high' } });
      expect(await indexedIds()).not.toContain(open.id);
      expect((await events(open.id)).at(-1)).toMatchObject({
        fromStatus: 'open',
        toStatus: 'review',
      });
    });

    it('the import screens every row and counts what it holds for review', async () => {
      const [p] = postings;
      const labels = p.known.map((k) => k.label);
      const rows = [
        makeImportRow(p, labels),
        makeImportRow(p, labels, { description: `${p.description}\nContact: jobs.boss@yahoo.com` }),
        makeImportRow(p, labels, {
          description: `${p.description}\nA training fee of 40 EUR is required.`,
        }),
      ];
      const first = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .set('Content-Type', 'text/csv')
        .send(toCsv(rows))
        .expect(200);
      expect(first.body).toMatchObject({ created: 3, updated: 0, heldForReview: 1, errors: [] });
      const mine = (await t.http.get('/api/listings?limit=100').auth(...bearer(broker))).body
        .items as (Listing & { sourceUrl: string })[];
      const byUrl = new Map(mine.map((l) => [l.sourceUrl, l]));
      expect(
        rows.map((r) => [
          byUrl.get(String(r.sourceUrl))?.status,
          byUrl.get(String(r.sourceUrl))?.risk.level,
        ]),
      ).toEqual([
        ['open', 'low'],
        ['open', 'medium'],
        ['review', 'high'],
      ]);
      const heldId = byUrl.get(String(rows[2].sourceUrl))?.id as string;
      expect(await events(heldId)).toEqual([
        expect.objectContaining({
          fromStatus: null,
          toStatus: 'review',
          note: 'import; risk high: fee_requested',
        }),
      ]);
      expect(await indexedIds()).not.toContain(heldId);

      // Again, the first row now asking for crypto: the open listing goes to review.
      rows[0] = { ...rows[0], description: `${p.description}\nPayment in bitcoin only.` };
      const again = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .set('Content-Type', 'text/csv')
        .send(toCsv(rows))
        .expect(200);
      expect(again.body).toMatchObject({ created: 0, updated: 3, heldForReview: 2 });
      const firstId = byUrl.get(String(rows[0].sourceUrl))?.id as string;
      expect((await get(broker, firstId).expect(200)).body.status).toBe('review');
      expect((await events(firstId)).map((e) => e.toStatus)).toEqual(['open', 'review']);
    });
  });

  describe('flags', () => {
    it('rejects bad input, wrong roles and listings out of sight', async () => {
      const listing = await create();
      const fields = (res: { status: number; body: { errors: { field: string }[] } }) => {
        expect(res.status).toBe(400);
        return res.body.errors.map((e) => e.field);
      };
      expect(fields(await flag(trainees[5], listing.id, { reason: 'spam' }))).toEqual(['reason']);
      expect(fields(await flag(trainees[5], listing.id, {}))).toEqual(['reason']);
      expect(
        fields(await flag(trainees[5], listing.id, { reason: 'other', note: 'x'.repeat(1001) })),
      ).toEqual(['note']);
      expect(fields(await flag(trainees[5], listing.id, { reason: 'other', extra: 1 }))).toEqual([
        'extra',
      ]);
      expect((await flag(trainees[5], 'not-a-uuid')).status).toBe(400);
      expect((await flag(trainees[5], '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await flag(company, listing.id)).status).toBe(403);
      expect((await flag(admin, listing.id)).status).toBe(403);
      expect((await flag(otherBroker, listing.id)).status).toBe(404);
      const res = await flag(trainees[5], listing.id, {
        reason: 'fee_requested',
        note: ' Asked me for 30 EUR. ',
      }).expect(201);
      expect(res.body).toMatchObject({
        listingId: listing.id,
        reason: 'fee_requested',
        note: 'Asked me for 30 EUR.',
      });
      const again = await flag(trainees[5], listing.id, { reason: 'scam' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('LISTING_ALREADY_FLAGGED');
      // Nothing half-written: still one flag of this person.
      const [{ n }] = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM listing_flags WHERE opportunity_id = $1`, [
          listing.id,
        ]);
      expect(n).toBe(1);
    });

    it('three trainees move an open listing to review and its brokers hear of it', async () => {
      const receiver = await startReceiver();
      try {
        await registerWebhook(t, broker, receiver.url, ['listing.flagged_for_review']);
        const listing = await create();
        // Brokers' flags are recorded but do not count towards the three.
        await flag(broker, listing.id, { reason: 'misleading' }).expect(201);
        await flag(trainees[1], listing.id, { reason: 'scam' }).expect(201);
        await flag(trainees[2], listing.id, { reason: 'fee_requested' }).expect(201);
        expect((await get(broker, listing.id)).body.status).toBe('open');
        await flag(trainees[3], listing.id, {
          reason: 'fee_requested',
          note: 'wants a deposit',
        }).expect(201);
        expect((await get(broker, listing.id)).body.status).toBe('review');
        expect(await indexedIds()).not.toContain(listing.id);
        expect(await recommendedIds(trainees[0])).not.toContain(listing.id);
        await flag(trainees[4], listing.id).expect(404);

        const last = (await events(listing.id)).at(-1);
        expect(last).toMatchObject({ fromStatus: 'open', toStatus: 'review', actorRole: null });
        expect(last?.note).toBe(
          'flagged by 3 trainees (fee_requested ×2, scam ×1); brokers notified (listing.review, webhook listing.flagged_for_review)',
        );
        // … and in the product: a notification for the listing's broker, none for the trainees
        const inbox = await t.http
          .get('/api/notifications')
          .auth(...bearer(broker))
          .expect(200);
        expect(inbox.body.items).toEqual([
          expect.objectContaining({
            kind: 'listing.review',
            data: { listingId: listing.id, flags: 3 },
            link: `/api/listings/${listing.id}`,
          }),
        ]);
        const traineeInbox = await t.http
          .get('/api/notifications')
          .auth(...bearer(trainees[1]))
          .expect(200);
        expect(traineeInbox.body.items).toEqual([]);
        const deliveries = await t.app.get(DataSource).query(
          `SELECT d.event, d.payload FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE w.organisation_id = $1`,
          [broker.organisationId],
        );
        expect(deliveries).toEqual([
          {
            event: 'listing.flagged_for_review',
            payload: {
              listingId: listing.id,
              status: 'review',
              flags: 3,
              reasons: { fee_requested: 2, scam: 1 },
            },
          },
        ]);

        // The broker decides it is fine: it opens again, and the earlier flags do not count twice.
        await t.http
          .post(`/api/listings/${listing.id}/publish`)
          .auth(...bearer(broker))
          .expect(200);
        await flag(trainees[4], listing.id).expect(201);
        expect((await get(broker, listing.id)).body.status).toBe('open');
      } finally {
        await receiver.close();
      }
    });

    it('a person may send at most ten flags an hour', async () => {
      const sender = await registerTrainee(t);
      const listings: Listing[] = [];
      for (let i = 0; i < 11; i++) listings.push(await create());
      for (const l of listings.slice(0, 10)) await flag(sender, l.id).expect(201);
      const limited = await flag(sender, listings[10].id);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('FLAG_RATE_LIMITED');
    });
  });
});
