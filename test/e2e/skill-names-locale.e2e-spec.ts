import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import { createListing, createOpenWorkRequest } from '../support/brokering-factories.js';
import { issueCertificate, type IssuedCertificate } from '../support/certificate-factories.js';
import {
  loginAdmin,
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface NamedSkill {
  skillId: string;
  name: string;
}

/** A label no seed writes, so that finding it proves the answer read the admin's label. */
const ALBANIAN = 'programim në JavaScript (gjuhë skriptimi)';

describe('skill names in the caller’s language (HTTP)', () => {
  let t: TestApp;
  let company: SignedIn;
  let broker: SignedIn;
  let seeker: SignedIn;
  let albanianAccount: SignedIn;
  let certificate: IssuedCertificate;
  let js: string;
  let requestId: string;
  let listingId: string;
  let courseId: string;

  const auth = (u: SignedIn) => ({ Authorization: `Bearer ${u.accessToken}` });
  const get = async (path: string, headers: Record<string, string> = {}) =>
    (await t.http.get(path).set(headers).expect(200)).body;
  const nameOfJs = (skills: NamedSkill[]) => skills.find((s) => s.skillId === js)?.name;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t);
    ({ JavaScript: js } = await skillIds(t, ['JavaScript']));
    await t.http
      .put(`/api/skills/${js}/labels/sq`)
      .set(auth(admin))
      .send({ label: ALBANIAN })
      .expect(200);
    [company, broker, certificate] = await Promise.all([
      registerCompany(t),
      makeBroker(t, admin),
      issueCertificate(t, 'Arta Krasniqi'),
    ]);
    [seeker, albanianAccount] = await Promise.all([
      registerTrainee(t, { displayName: 'Drita Seeker' }),
      registerTrainee(t, { displayName: 'Besa Locale' }),
    ]);
    await putProfile(t, seeker, { skills: [{ skillId: js, level: 4 }] });
    await putProfile(t, albanianAccount, { skills: [{ skillId: js, level: 3 }] });
    await t.http.patch('/api/me').set(auth(albanianAccount)).send({ locale: 'sq' }).expect(200);
    requestId = await createOpenWorkRequest(t, company, js);
    listingId = await createListing(t, broker, js);
    const courses = await get('/api/courses', auth(company));
    courseId = (courses.items as { id: string; title: string }[]).find(
      (c) => c.title === certificate.courseTitle,
    )!.id;
    await t.app.get(OutboxRelay).drain();
  }, 180_000); // a certificate issued, four accounts, two opportunities: many bcrypt rounds

  afterAll(async () => {
    await t.close();
  });

  describe('with Accept-Language: sq', () => {
    const sq = { 'Accept-Language': 'sq, en;q=0.5' };

    it('names the skill of a work request and of a listing in Albanian', async () => {
      const request = await get(`/api/work-requests/${requestId}`, { ...auth(company), ...sq });
      expect(nameOfJs(request.skills)).toBe(ALBANIAN);
      const listing = await get(`/api/listings/${listingId}`, { ...auth(broker), ...sq });
      expect(nameOfJs(listing.skills)).toBe(ALBANIAN);
      const page = await get('/api/work-requests', { ...auth(company), ...sq });
      expect(nameOfJs(page.items[0].skills)).toBe(ALBANIAN);
    });

    it('names the skills of a course and of a public certificate in Albanian', async () => {
      const course = await get(`/api/courses/${courseId}`, { ...auth(company), ...sq });
      expect(nameOfJs(course.skills)).toBe(ALBANIAN);
      const verified = await get(`/api/certificates/${certificate.code}`, sq);
      expect(nameOfJs(verified.skills)).toBe(ALBANIAN);
      // SQL has no admin label in this database: it keeps its seeded Albanian label or its name.
      expect(verified.skills).toHaveLength(2);
      expect(verified.skills.every((s: NamedSkill) => s.name.length > 0)).toBe(true);
      const page = await t.http
        .get(`/api/certificates/${certificate.code}`)
        .set({ ...sq, Accept: 'text/html' })
        .expect(200);
      expect(page.text).toContain(`${ALBANIAN} — niveli 3 nga 5`);
    });

    it("names the candidates' matched skills in Albanian", async () => {
      const candidates = (await get(`/api/work-requests/${requestId}/candidates`, {
        ...auth(company),
        ...sq,
      })) as { profile: { id: string }; explanation: { matchedSkills: NamedSkill[] } }[];
      expect(candidates.length).toBeGreaterThan(0);
      for (const c of candidates) expect(nameOfJs(c.explanation.matchedSkills)).toBe(ALBANIAN);
    });

    it('names the skills of opportunities and of their facets in Albanian', async () => {
      const found = await get('/api/opportunities', { ...auth(seeker), ...sq });
      const mine = (found.items as { id: string; skills: NamedSkill[] }[]).filter(
        (i) => i.id === requestId || i.id === listingId,
      );
      expect(mine).toHaveLength(2);
      for (const item of mine) expect(nameOfJs(item.skills)).toBe(ALBANIAN);
      const facet = (found.facets.skills as { value: string; name?: string }[]).find(
        (f) => f.value === js,
      );
      expect(facet?.name).toBe(ALBANIAN);
    });

    it('names the skills of a profile in Albanian', async () => {
      const own = await get('/api/profiles/me', { ...auth(seeker), ...sq });
      expect(nameOfJs(own.skills)).toBe(ALBANIAN);
    });
  });

  describe('an account whose locale is sq, asking in no language', () => {
    it('gets Albanian names', async () => {
      const found = await get('/api/opportunities', auth(albanianAccount));
      const item = (found.items as { id: string; skills: NamedSkill[] }[]).find(
        (i) => i.id === requestId,
      );
      expect(nameOfJs(item!.skills)).toBe(ALBANIAN);
      const own = await get('/api/profiles/me', auth(albanianAccount));
      expect(nameOfJs(own.skills)).toBe(ALBANIAN);
    });

    it('gets English names when the request asks for English', async () => {
      const own = await get('/api/profiles/me', {
        ...auth(albanianAccount),
        'Accept-Language': 'en',
      });
      expect(nameOfJs(own.skills)).toBe('JavaScript');
    });
  });

  describe('without a language', () => {
    it('names every skill in English', async () => {
      const request = await get(`/api/work-requests/${requestId}`, auth(company));
      expect(nameOfJs(request.skills)).toBe('JavaScript');
      const listing = await get(`/api/listings/${listingId}`, auth(broker));
      expect(nameOfJs(listing.skills)).toBe('JavaScript');
      const course = await get(`/api/courses/${courseId}`, auth(company));
      expect(nameOfJs(course.skills)).toBe('JavaScript');
      const verified = await get(`/api/certificates/${certificate.code}`);
      expect(nameOfJs(verified.skills)).toBe('JavaScript');
      const candidates = (await get(
        `/api/work-requests/${requestId}/candidates`,
        auth(company),
      )) as { explanation: { matchedSkills: NamedSkill[] } }[];
      for (const c of candidates) expect(nameOfJs(c.explanation.matchedSkills)).toBe('JavaScript');
      const found = await get('/api/opportunities', auth(seeker));
      const item = (found.items as { id: string; skills: NamedSkill[] }[]).find(
        (i) => i.id === requestId,
      );
      expect(nameOfJs(item!.skills)).toBe('JavaScript');
    });

    it('a language without labels falls back to the English name', async () => {
      const request = await get(`/api/work-requests/${requestId}`, {
        ...auth(company),
        'Accept-Language': 'de',
      });
      expect(nameOfJs(request.skills)).toBe('JavaScript');
    });
  });
});
