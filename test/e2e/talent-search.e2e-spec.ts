import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactionRunner } from '@app/database';
import { ProfilesService } from '@app/profiles';
import { OutboxRelay } from '@app/search';
import { FORENAMES, SURNAMES } from '../fixtures/names.js';
import {
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface TalentBody {
  items: { id: string; displayName: string; [k: string]: unknown }[];
  facets: Record<string, { value: string; count: number; name?: string }[]>;
  nextCursor: string | null;
}

describe('talent search (HTTP)', () => {
  let t: TestApp;
  let skills: Record<string, string>;
  let broker: SignedIn;
  let company: SignedIn;
  const ids: Record<string, string> = {};

  const bearer = (user: SignedIn) => ({ Authorization: `Bearer ${user.accessToken}` });
  const search = async (viewer: SignedIn, query: Record<string, string>): Promise<TalentBody> => {
    const res = await t.http.get('/api/talent').query(query).set(bearer(viewer));
    if (res.status !== 200) throw new Error(`talent: ${res.status} ${res.text}`);
    return res.body as TalentBody;
  };
  const names = (body: TalentBody) => body.items.map((i) => i.displayName).sort();

  beforeAll(async () => {
    t = await createTestApp();
    skills = await skillIds(t, ['JavaScript', 'SQL']);
    broker = await makeBroker(t);
    company = await registerCompany(t);
    const person = async (key: string, displayName: string, profile: Record<string, unknown>) => {
      const trainee = await registerTrainee(t, { displayName });
      ids[key] = (await putProfile(t, trainee, profile)).id;
    };
    await person('ana', `${FORENAMES.ana.localized} ${SURNAMES.petrovic.localized}`, {
      country: 'RS',
      city: 'Belgrade',
      visibility: 'companies',
      skills: [{ skillId: skills.JavaScript, level: 4 }],
      languages: [{ code: 'en', level: 'C1' }],
      hourlyRateEur: 25,
    });
    await person('djordjeLatin', `${FORENAMES.djordje.romanized} ${SURNAMES.nikolic.romanized}`, {
      country: 'ME',
      city: 'Podgorica',
      visibility: 'companies',
      skills: [{ skillId: skills.SQL, level: 2 }],
      languages: [{ code: 'de', level: 'B1' }],
      hourlyRateEur: 8,
    });
    await person(
      'djordjeCyrillic',
      `${FORENAMES.djordje.localized} ${SURNAMES.markovic.localized}`,
      {
        country: 'RS',
        city: 'Niš',
        visibility: 'brokers',
        hourlyRateEur: 15,
      },
    );
    await person('sofija', `${FORENAMES.sofija.romanized} ${SURNAMES.jovanovic.romanized}`, {
      visibility: 'private',
    });
    await person('luka', `${FORENAMES.luka.romanized} ${SURNAMES.stojanovic.romanized}`, {
      visibility: 'companies',
      openToWork: false,
    });
    await person('marija', `${FORENAMES.marija.romanized} ${SURNAMES.angelov.romanized}`, {
      country: 'MK',
      city: 'Skopje',
      visibility: 'companies',
      languages: [{ code: 'mk', level: 'C2' }],
      hourlyRateEur: 10,
    });
    await t.app.get(OutboxRelay).drain();
  });

  afterAll(async () => {
    await t.close();
  });

  it('"petrovic" finds a profile named Петровић', async () => {
    const body = await search(company, { q: 'petrovic' });
    expect(body.items.map((i) => i.id)).toEqual([ids.ana]);
    expect(body.items[0].displayName).toBe('Ана Петровић');
  });

  it('a skill synonym finds the profiles holding the skill: "JS" finds JavaScript', async () => {
    for (const q of ['JS', 'js', 'ECMAScript', 'javascript', 'javascrpt']) {
      const body = await search(company, { q });
      expect(body.items.map((i) => i.id)).toEqual([ids.ana]);
    }
  });

  it('"Djordje" finds both Đorđe and Ђорђе (for a broker); Ђорђе in any spelling', async () => {
    for (const q of ['Djordje', 'Đorđe', 'Ђорђе', 'djordje']) {
      const body = await search(broker, { q });
      expect(body.items.map((i) => i.id).sort()).toEqual(
        [ids.djordjeLatin, ids.djordjeCyrillic].sort(),
      );
    }
  });

  it('companies see only profiles visible to companies; nobody sees private ones', async () => {
    expect((await search(company, { q: 'Djordje' })).items.map((i) => i.id)).toEqual([
      ids.djordjeLatin,
    ]);
    const all = await search(company, {});
    expect(all.items.map((i) => i.id).sort()).toEqual(
      [ids.ana, ids.djordjeLatin, ids.marija].sort(),
    );
    const brokerAll = await search(broker, {});
    expect(brokerAll.items.map((i) => i.id)).toContain(ids.djordjeCyrillic);
    expect(brokerAll.items.map((i) => i.id)).not.toContain(ids.sofija);
    expect((await search(broker, { q: 'Sofija' })).items).toEqual([]);
  });

  it('leaves out people not open to work unless a broker asks', async () => {
    expect((await search(broker, { q: 'Luka' })).items).toEqual([]);
    const included = await search(broker, { q: 'Luka', includeNotOpen: 'true' });
    expect(included.items.map((i) => i.id)).toEqual([ids.luka]);
    await t.http.get('/api/talent?includeNotOpen=true').set(bearer(company)).expect(403);
  });

  it('filters by skill level, language level, country and distance', async () => {
    expect(names(await search(company, { skills: `${skills.JavaScript}:3` }))).toEqual([
      'Ана Петровић',
    ]);
    expect((await search(company, { skills: `${skills.JavaScript}:5` })).items).toEqual([]);
    expect(names(await search(company, { languages: 'en:B2' }))).toEqual(['Ана Петровић']);
    expect((await search(company, { languages: 'de:B2' })).items).toEqual([]);
    expect(names(await search(company, { languages: 'de' }))).toEqual(['Đorđe Nikolić']);
    expect(names(await search(company, { countries: 'MK,AL' }))).toEqual(['Marija Angelov']);
    // Skopje ± 30 km holds only Marija; Belgrade is 320 km away
    expect(names(await search(company, { near: '41.99,21.43,30' }))).toEqual(['Marija Angelov']);
  });

  it('counts facets and sorts by rate', async () => {
    const body = await search(company, {});
    expect(body.facets.countries).toEqual(
      expect.arrayContaining([
        { value: 'RS', count: 1 },
        { value: 'ME', count: 1 },
        { value: 'MK', count: 1 },
      ]),
    );
    expect(body.facets.skills).toEqual(
      expect.arrayContaining([{ value: skills.JavaScript, count: 1, name: 'JavaScript' }]),
    );
    expect(body.facets.languages).toEqual(expect.arrayContaining([{ value: 'en', count: 1 }]));
    const byRate = await search(company, { sort: 'rate' });
    expect(byRate.items.map((i) => i.hourlyRateEur)).toEqual([8, 10, 25]);
  });

  it('pages with an opaque cursor until the end', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TalentBody = await search(broker, {
        limit: '2',
        ...(cursor === null ? {} : { cursor }),
      });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(
      [ids.ana, ids.djordjeLatin, ids.djordjeCyrillic, ids.marija].sort(),
    );
  });

  it('filters by verified skills once evidence marks them', async () => {
    expect((await search(company, { verified: 'true' })).items).toEqual([]);
    await t.app
      .get(TransactionRunner)
      .run((m) => t.app.get(ProfilesService).markSkillsVerified(m, ids.ana, [skills.JavaScript]));
    await t.app.get(OutboxRelay).drain();
    const body = await search(company, { verified: 'true', skills: skills.JavaScript });
    expect(body.items.map((i) => i.id)).toEqual([ids.ana]);
    expect(body.items[0].skills).toEqual([expect.objectContaining({ verified: true })]);
    expect(body.facets.verified).toEqual(expect.arrayContaining([{ value: 'true', count: 1 }]));
  });

  it('never shows e-mail addresses', async () => {
    const body = await search(broker, { includeNotOpen: 'true' });
    expect(JSON.stringify(body)).not.toMatch(/@example\.org|"email"/);
  });

  it.each([
    [{ skills: 'not-a-uuid' }, 'skills'],
    [{ skills: `${'0'.repeat(8)}-0000-0000-0000-000000000000:9` }, 'skills'],
    [{ countries: 'Serbia' }, 'countries'],
    [{ countries: 'RS" OR visibility = "private' }, 'countries'],
    [{ languages: 'en:Z9' }, 'languages'],
    [{ near: '1,2' }, 'near'],
    [{ near: '95,20,10' }, 'near'],
    [{ limit: '0' }, 'limit'],
    [{ cursor: 'nope' }, 'cursor'],
    [{ verified: 'maybe' }, 'verified'],
    [{ sort: 'name' }, 'sort'],
    [{ engagementTypes: 'slavery' }, 'engagementTypes'],
    [{ evil: '1' }, 'evil'],
  ])('refuses %j naming %s', async (query, field) => {
    const res = await t.http.get('/api/talent').query(query).set(bearer(company)).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it('a filter-looking free text is only text', async () => {
    const body = await search(company, { q: '" OR visibility = "private' });
    expect(body.items.map((i) => i.id)).not.toContain(ids.sofija);
  });

  it('is for companies and brokers only', async () => {
    const trainee = await registerTrainee(t);
    await t.http.get('/api/talent').set(bearer(trainee)).expect(403);
    await t.http.get('/api/talent').expect(401);
  });
});
