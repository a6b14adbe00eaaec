import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OPPORTUNITIES_INDEX } from '@app/opportunities';
import { OutboxRelay, SearchIndexRegistry } from '@app/search';
import { Meilisearch } from 'meilisearch';
import { skillNamesById } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
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
  uniqueSourceUrl,
  type ResolvedPosting,
} from '../support/opportunity-factories.js';

interface ImportResult {
  created: number;
  updated: number;
  errors: { row: number; field: string; message: string }[];
  warnings: { row: number; field: string; message: string }[];
}

describe('listings and their import (HTTP)', () => {
  let t: TestApp;
  let broker: SignedIn;
  let otherBroker: SignedIn;
  let company: SignedIn;
  let trainee: SignedIn;
  let admin: SignedIn;
  let postings: ResolvedPosting[];

  async function indexed(): Promise<Record<string, unknown>[]> {
    await t.app.get(OutboxRelay).drain();
    const uid = t.app.get(SearchIndexRegistry).uidOf(OPPORTUNITIES_INDEX);
    const docs = await t.app.get(Meilisearch).index(uid).getDocuments({ limit: 1000 });
    return docs.results;
  }

  const importCsv = (who: SignedIn, csv: string) =>
    t.http
      .post('/api/listings/import')
      .auth(...bearer(who))
      .set('Content-Type', 'text/csv')
      .send(csv);

  async function listAll(
    who: SignedIn,
  ): Promise<{ id: string; sourceUrl: string; title: string }[]> {
    const res = await t.http
      .get('/api/listings?limit=100')
      .auth(...bearer(who))
      .expect(200);
    return res.body.items;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    [broker, otherBroker, company, trainee] = await Promise.all([
      makeBroker(t, admin),
      makeBroker(t, admin),
      registerCompany(t),
      registerTrainee(t),
    ]);
    postings = await resolvedPostings(t, admin, 8);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('single listings', () => {
    it('a broker creates a listing, open and searchable at once, with a 30-day deadline', async () => {
      const body = makeListingBody(postings[0], { deadline: undefined });
      const res = await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send(body)
        .expect(201);
      expect(res.body).toMatchObject({
        status: 'open',
        organisationId: broker.organisationId,
        source: 'upwork',
        sourceUrl: body.sourceUrl,
        clientCountry: 'DE',
        countries: ['XK', 'AL'],
        city: null,
      });
      const days = (Date.parse(res.body.deadline) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThan(30.1);
      const doc = (await indexed()).find((d) => d.id === res.body.id);
      expect(doc).toMatchObject({ kind: 'listing', source: 'upwork', clientCountry: 'DE' });
      // every answer that lists skills names them
      const names = await skillNamesById(
        t,
        (body.skills as { skillId: string }[]).map((s) => s.skillId),
      );
      const named = (body.skills as { skillId: string }[]).map((s) => ({
        ...s,
        name: names[s.skillId],
      }));
      expect(res.body.skills).toEqual(named);
      const read = await t.http
        .get(`/api/listings/${res.body.id}`)
        .auth(...bearer(broker))
        .expect(200);
      expect(read.body.skills).toEqual(named);
      const list = await t.http
        .get('/api/listings')
        .query({ limit: 100 })
        .auth(...bearer(broker))
        .expect(200);
      const listed = (list.body.items as { id: string; skills: unknown }[]).find(
        (l) => l.id === res.body.id,
      );
      expect(listed?.skills).toEqual(named);
    });

    it('a draft listing stays out of search until published; closing removes it and freezes it', async () => {
      const res = await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send(makeListingBody(postings[1], { status: 'draft' }))
        .expect(201);
      const id = res.body.id as string;
      expect((await indexed()).map((d) => d.id)).not.toContain(id);
      await t.http
        .post(`/api/listings/${id}/publish`)
        .auth(...bearer(broker))
        .expect(200);
      expect((await indexed()).map((d) => d.id)).toContain(id);
      await t.http
        .post(`/api/listings/${id}/close`)
        .auth(...bearer(broker))
        .expect(200);
      expect((await indexed()).map((d) => d.id)).not.toContain(id);
      const edit = await t.http
        .patch(`/api/listings/${id}`)
        .auth(...bearer(broker))
        .send({ title: 'Reopened?' })
        .expect(409);
      expect(edit.body.code).toBe('OPPORTUNITY_NOT_EDITABLE');
    });

    it('another organisation’s broker gets 404; companies 403; trainees 403', async () => {
      const res = await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send(makeListingBody(postings[2]))
        .expect(201);
      const id = res.body.id as string;
      const as = bearer(otherBroker);
      await t.http
        .get(`/api/listings/${id}`)
        .auth(...as)
        .expect(404);
      await t.http
        .patch(`/api/listings/${id}`)
        .auth(...as)
        .send({ title: 'Stolen listing' })
        .expect(404);
      await t.http
        .post(`/api/listings/${id}/close`)
        .auth(...as)
        .expect(404);
      expect((await listAll(otherBroker)).map((l) => l.id)).not.toContain(id);
      expect((await listAll(broker)).map((l) => l.id)).toContain(id);
      expect((await listAll(admin)).map((l) => l.id)).toContain(id);

      await t.http
        .post('/api/listings')
        .auth(...bearer(company))
        .send(makeListingBody(postings[2]))
        .expect(403);
      await t.http
        .get('/api/listings')
        .auth(...bearer(trainee))
        .expect(403);
      await t.http
        .get(`/api/listings/${id}`)
        .auth(...bearer(company))
        .expect(403);
    });

    it('an edit of the source URL is checked; the same URL twice in one organisation is a 409', async () => {
      const url = uniqueSourceUrl();
      await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send(makeListingBody(postings[3], { sourceUrl: url }))
        .expect(201);
      const dup = await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send(makeListingBody(postings[3], { sourceUrl: url }))
        .expect(409);
      expect(dup.body.code).toBe('LISTING_SOURCE_URL_TAKEN');
      // another organisation may broker the same page
      await t.http
        .post('/api/listings')
        .auth(...bearer(otherBroker))
        .send(makeListingBody(postings[3], { sourceUrl: url }))
        .expect(201);
    });

    it.each([
      ['sourceUrl', { sourceUrl: 'ftp://example.com/job' }],
      ['sourceUrl', { sourceUrl: `https://example.com/${'x'.repeat(2000)}` }],
      ['sourceUrl', { sourceUrl: undefined }],
      ['source', { source: 'craigslist' }],
      ['clientCountry', { clientCountry: 'Germany' }],
      ['status', { status: 'closed' }],
    ])('400 naming %s for %j', async (field, over) => {
      const res = await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send(makeListingBody(postings[4], over))
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect([...new Set(fields)]).toEqual([field]);
    });

    it('an open listing without skills cannot be created: 409 naming skills', async () => {
      const res = await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send(makeListingBody(postings[4], { skills: [] }))
        .expect(409);
      expect(res.body).toMatchObject({ code: 'OPPORTUNITY_NOT_PUBLISHABLE' });
      expect(res.body.missing).toEqual([{ field: 'skills', message: 'needs at least one skill' }]);
    });
  });

  describe('import', () => {
    it('reports bad rows and lands good ones, the same URL twice counting as an update', async () => {
      const importer = await makeBroker(t, admin);
      const [p1, p2, p3, p4, p5] = postings;
      const rows = [
        makeImportRow(
          p1,
          p1.known.map((k) => k.label),
        ),
        makeImportRow(
          p2,
          p2.known.map((k) => k.label),
        ),
        makeImportRow(
          p3,
          p3.known.map((k) => k.label),
        ),
        makeImportRow(
          p4,
          p4.known.map((k) => k.label),
          { sourceUrl: 'notaurl' },
        ),
        makeImportRow(p5, [p5.unknown[0]]),
        makeImportRow(p5, [...p5.known.map((k) => k.label), p5.unknown[0]]),
      ];
      rows.push(
        makeImportRow(
          p1,
          p1.known.map((k) => k.label),
          { sourceUrl: rows[0].sourceUrl, title: 'Updated by row 7' },
        ),
      );
      const csv = toCsv(rows);

      const first = await importCsv(importer, csv).expect(200);
      const body = first.body as ImportResult;
      expect({ created: body.created, updated: body.updated }).toEqual({ created: 4, updated: 1 });
      expect(body.errors).toEqual([
        { row: 4, field: 'sourceUrl', message: 'sourceUrl must be an http or https URL' },
        { row: 5, field: 'skills', message: `no skill label is known: "${p5.unknown[0]}"` },
      ]);
      expect(body.warnings).toEqual([
        { row: 6, field: 'skills', message: `unknown skill labels left out: "${p5.unknown[0]}"` },
        {
          row: 7,
          field: 'sourceUrl',
          message: 'same sourceUrl as row 1; this later row updates it',
        },
      ]);

      const listings = await listAll(importer);
      expect(listings).toHaveLength(4);
      const first1 = listings.find((l) => l.sourceUrl === rows[0].sourceUrl);
      expect(first1?.title).toBe('Updated by row 7');
      const row6 = listings.find((l) => l.sourceUrl === rows[5].sourceUrl) as unknown as {
        skills: { skillId: string; minLevel: number; mustHave: boolean }[];
      };
      expect(row6.skills.map((s) => s.skillId)).toEqual(p5.known.map((k) => k.skillId));
      expect(row6.skills.every((s) => s.minLevel === 1 && s.mustHave)).toBe(true);

      const docs = (await indexed()).filter((d) => d.organisationId === importer.organisationId);
      expect(docs).toHaveLength(4);
      expect(docs.every((d) => d.kind === 'listing' && d.source === 'upwork')).toBe(true);

      // the same file again creates nothing new
      const second = (await importCsv(importer, csv).expect(200)).body as ImportResult;
      expect({ created: second.created, updated: second.updated }).toEqual({
        created: 0,
        updated: 5,
      });
      expect(second.errors).toHaveLength(2);
      expect(await listAll(importer)).toHaveLength(4);
      const docsAfter = (await indexed()).filter(
        (d) => d.organisationId === importer.organisationId,
      );
      expect(docsAfter).toHaveLength(4);
    });

    it('leaves a closed listing alone and says so for its row', async () => {
      const importer = await makeBroker(t, admin);
      const row = makeImportRow(
        postings[0],
        postings[0].known.map((k) => k.label),
      );
      await importCsv(importer, toCsv([row])).expect(200);
      const [listing] = await listAll(importer);
      await t.http
        .post(`/api/listings/${listing.id}/close`)
        .auth(...bearer(importer))
        .expect(200);
      const again = (
        await importCsv(importer, toCsv([{ ...row, title: 'Changed title' }])).expect(200)
      ).body as ImportResult;
      expect(again).toMatchObject({ created: 0, updated: 0 });
      expect(again.errors).toEqual([
        {
          row: 1,
          field: 'sourceUrl',
          message: 'matches a listing that is closed or filled; it is not changed',
        },
      ]);
      const [still] = await listAll(importer);
      expect(still.title).toBe(postings[0].title);
    });

    it('takes a JSON array too, with list columns as arrays, beyond the 1 MB default limit', async () => {
      const importer = await makeBroker(t, admin);
      const rows = Array.from({ length: 60 }, (_, i) => {
        const p = postings[i % postings.length];
        return {
          ...makeImportRow(p, []),
          skills: p.known.map((k) => k.label),
          countries: ['RS', 'BA'],
          languages: ['en:B2', 'sr:C2'],
          description: `${p.description}\n`.repeat(5).slice(0, 19_000),
        };
      });
      expect(JSON.stringify(rows).length).toBeGreaterThan(1024 * 1024);
      const res = await t.http
        .post('/api/listings/import')
        .auth(...bearer(importer))
        .send(rows)
        .expect(200);
      expect(res.body).toEqual({
        created: 60,
        updated: 0,
        heldForReview: 0,
        errors: [],
        warnings: expect.any(Array),
      });
      const page = await t.http
        .get('/api/listings?limit=1')
        .auth(...bearer(importer))
        .expect(200);
      expect(page.body.items[0]).toMatchObject({
        countries: ['RS', 'BA'],
        languages: [
          { code: 'en', minLevel: 'B2' },
          { code: 'sr', minLevel: 'C2' },
        ],
      });
    });

    it('a company cannot import (403); neither can a trainee', async () => {
      const csv = toCsv([
        makeImportRow(
          postings[0],
          postings[0].known.map((k) => k.label),
        ),
      ]);
      await importCsv(company, csv).expect(403);
      await importCsv(trainee, csv).expect(403);
    });

    it('refuses a file it cannot read as a whole, naming the body', async () => {
      const unknownColumn = await importCsv(
        broker,
        'title,description,skills,source,sourceURL,engagementType,workMode\n',
      ).expect(400);
      expect(unknownColumn.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'body', message: 'unknown column "sourceURL"' },
          { field: 'body', message: 'missing column "sourceUrl"' },
        ]),
      );
      const notArray = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .send({ rows: [] })
        .expect(400);
      expect(notArray.body.errors[0].field).toBe('body');
      const broken = await importCsv(broker, `${toCsv([])}\n"unclosed`).expect(400);
      expect(broken.body.errors[0].field).toBe('body');
    });
  });
});
