import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CredentialKeysService } from '@app/training';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { DataSource } from 'typeorm';
import { issueCertificate, type IssuedCertificate } from '../support/certificate-factories.js';
import { createOrganisation, makeBroker, type SignedIn } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const HOSTILE_NAME = `<script>alert("x")</script> Ana & 'Đorđe'`;

describe('certificates you can trust (HTTP)', () => {
  let t: TestApp;
  let issued: IssuedCertificate;
  let broker: SignedIn;

  const page = (code: string, headers: Record<string, string> = {}) =>
    t.http.get(`/api/certificates/${code}`).set({ accept: 'text/html', ...headers });
  const jwks = async (): Promise<JSONWebKeySet> =>
    (await t.http.get('/.well-known/jwks.json').expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    issued = await issueCertificate(t, HOSTILE_NAME);
    broker = await makeBroker(t, issued.admin);
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  describe('the verification page', () => {
    it('shows a valid certificate with every fact, user text escaped, under a strict CSP', async () => {
      const res = await page(issued.code).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toMatch(/script-src/);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect(res.headers.vary).toMatch(/Accept/);
      const html = res.text;
      expect(html).toContain('<html lang="en-GB">');
      expect(html).toContain('Valid certificate');
      // The holder's name is text, never markup.
      expect(html).not.toContain('<script');
      expect(html).toContain(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Ana &amp; &#39;Đorđe&#39;',
      );
      expect(html).toContain('Web development with JavaScript (96 hours)');
      expect(html).toContain('Tirana Tech Academy');
      expect(html).toContain(issued.programmeCode);
      expect(html).toContain('JavaScript — level 3 of 5');
      expect(html).toContain('SQL — level 2 of 5');
      expect(html).toContain(issued.code);
      // Nothing to fetch: no external fonts, scripts or images.
      expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
      expect(html).not.toMatch(/https?:\/\//);
    });

    it('speaks the locale of ?lang= first, then Accept-Language, else English', async () => {
      const sq = await page(issued.code, { 'accept-language': 'mk' })
        .query({ lang: 'sq' })
        .expect(200);
      expect(sq.text).toContain('<html lang="sq">');
      expect(sq.text).toContain('Certifikatë e vlefshme');
      expect(sq.text).toContain('niveli 3 nga 5');

      const cyrillic = await page(issued.code, { 'accept-language': 'sr-Cyrl-RS, en;q=0.5' });
      expect(cyrillic.text).toContain('Важећи сертификат');
      const latin = await page(issued.code, { 'accept-language': 'sr-RS' });
      expect(latin.text).toContain('Važeći sertifikat');
      const byWeight = await page(issued.code, {
        'accept-language': 'de, bs;q=0.4, mk;q=0.8',
      });
      expect(byWeight.text).toContain('Важечки сертификат');
      const bosnian = await page(issued.code).query({ lang: 'bs' });
      expect(bosnian.text).toContain('Važeći certifikat');
      const unknown = await page(issued.code, { 'accept-language': 'de' }).query({ lang: 'xx' });
      expect(unknown.text).toContain('Valid certificate');
      expect(unknown.headers.vary).toMatch(/Accept-Language/);
    });

    it('answers unknown and malformed codes with a 404 page', async () => {
      for (const code of ['A'.repeat(32), 'not-a-code', '%3Cscript%3E']) {
        const res = await page(code, { 'accept-language': 'sq' }).expect(404);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.text).toContain('Certifikata nuk u gjet');
        expect(res.text).not.toContain('<script');
      }
    });

    it('JSON stays as it was', async () => {
      const res = await t.http
        .get(`/api/certificates/${issued.code.toLowerCase()}`)
        .set('accept', 'application/json')
        .expect(200);
      expect(res.body).toMatchObject({
        code: issued.code,
        valid: true,
        holderName: HOSTILE_NAME,
        courseHours: 96,
      });
      const noAccept = await t.http.get(`/api/certificates/${issued.code}`).expect(200);
      expect(noAccept.body.valid).toBe(true);
      const missing = await t.http.get(`/api/certificates/${'A'.repeat(32)}`).expect(404);
      expect(missing.body.code).toBe('CERTIFICATE_NOT_FOUND');
    });
  });

  describe('the signed Open Badges credential', () => {
    it('verifies with the published key and says what was achieved, by whom, from whom', async () => {
      const res = await t.http.get(`/api/certificates/${issued.code}/credential`).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const { credential, jwt } = res.body as {
        credential: Record<string, unknown>;
        jwt: string;
      };
      const header = decodeProtectedHeader(jwt);
      expect(header.alg).toBe('RS256');
      expect(header.typ).toBe('JWT');
      const keys = await jwks();
      expect(keys.keys.map((k) => k.kid)).toContain(header.kid);
      expect(header.kid).toMatch(/\/\.well-known\/jwks\.json#[A-Za-z0-9_-]{43}$/);
      for (const key of keys.keys) {
        expect(Object.keys(key)).not.toEqual(expect.arrayContaining(['d']));
        expect(key).not.toHaveProperty('p');
      }

      const verified = await jwtVerify(jwt, createLocalJWKSet(keys), {
        issuer: (credential.issuer as { id: string }).id,
        algorithms: ['RS256'],
      });
      const payload = verified.payload as Record<string, unknown> & {
        credentialSubject: Record<string, unknown> & {
          achievement: Record<string, unknown> & { alignment: Record<string, unknown>[] };
          identifier: Record<string, unknown>[];
        };
        issuer: { id: string; type: string[]; name: string };
      };
      expect(payload['@context']).toEqual([
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ]);
      expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
      expect(payload.jti).toBe(payload.id);
      expect(payload.id).toMatch(new RegExp(`/api/certificates/${issued.code}/credential$`));
      expect(payload.sub).toBe(payload.credentialSubject.id);
      expect(payload.nbf).toBe(Math.floor(Date.parse(payload.validFrom as string) / 1000));
      expect(payload.issuer).toMatchObject({ type: ['Profile'], name: 'Tirana Tech Academy' });
      expect(payload.credentialSubject.type).toEqual(['AchievementSubject']);
      const achievement = payload.credentialSubject.achievement;
      expect(achievement).toMatchObject({
        type: ['Achievement'],
        name: 'Web development with JavaScript',
        criteria: { narrative: expect.stringContaining('JavaScript (level 3 of 5)') },
      });
      expect(achievement.alignment).toHaveLength(2);
      for (const a of achievement.alignment) {
        expect(a).toMatchObject({ type: ['Alignment'], targetFramework: 'ESCO' });
        expect(a.targetUrl).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
      }
      // The holder: named as on the page, e-mail only as a salted hash.
      expect(JSON.stringify(payload).toLowerCase()).not.toContain(
        issued.trainee.email.toLowerCase(),
      );
      const email = payload.credentialSubject.identifier.find(
        (i) => i.identityType === 'emailAddress',
      );
      expect(email).toMatchObject({
        hashed: true,
        identityHash: expect.stringMatching(/^sha256\$/),
      });
      const { createHash } = await import('node:crypto');
      expect(email?.identityHash).toBe(
        `sha256$${createHash('sha256')
          .update(issued.trainee.email.toLowerCase() + String(email?.salt))
          .digest('hex')}`,
      );

      // The issuer id dereferences to the provider's profile.
      const issuerPath = new URL(payload.issuer.id).pathname;
      const profile = await t.http.get(issuerPath).expect(200);
      expect(profile.body).toMatchObject({
        id: payload.issuer.id,
        type: ['Profile'],
        name: 'Tirana Tech Academy',
      });
    });

    it('a tampered credential or signature fails verification', async () => {
      const { jwt } = (await t.http.get(`/api/certificates/${issued.code}/credential`).expect(200))
        .body as { jwt: string };
      const keys = createLocalJWKSet(await jwks());
      const [head, body, signature] = jwt.split('.');
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      claims.credentialSubject.achievement.name = 'Senior software architect';
      const forged = [head, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature];
      await expect(jwtVerify(forged.join('.'), keys)).rejects.toThrow(/signature/i);
      const flipped = signature.startsWith('A')
        ? `B${signature.slice(1)}`
        : `A${signature.slice(1)}`;
      await expect(jwtVerify([head, body, flipped].join('.'), keys)).rejects.toThrow();
      // The raw token is served too, for verifiers that ask for it.
      const raw = await t.http
        .get(`/api/certificates/${issued.code}/credential`)
        .set('accept', 'application/vc+jwt')
        .expect(200);
      expect(raw.headers['content-type']).toMatch(/^application\/vc\+jwt/);
      await expect(jwtVerify(raw.text, keys)).resolves.toBeDefined();
    });

    it('unknown codes are 404; issuer ids must be training providers', async () => {
      const res = await t.http.get(`/api/certificates/${'B'.repeat(32)}/credential`).expect(404);
      expect(res.body.code).toBe('CERTIFICATE_NOT_FOUND');
      await t.http.get('/api/issuers/not-a-uuid').expect(400);
      await t.http.get(`/api/issuers/${broker.organisationId}`).expect(404);
      const company = await createOrganisation(t, issued.admin, { type: 'company' });
      await t.http.get(`/api/issuers/${company}`).expect(404);
    });
  });

  describe('revocation', () => {
    it('the page says since when, JSON stays 404, the credential is 410 without the private reason', async () => {
      const other = await issueCertificate(t, 'Mira Hoxha');
      await t.http
        .post(`/api/certificates/${other.code}/revoke`)
        .auth(other.trainer.accessToken, { type: 'bearer' })
        .send({ reason: 'Assessment found to be copied' })
        .expect(200);

      const html = await page(other.code).expect(200);
      expect(html.text).toContain('Revoked certificate');
      expect(html.text).toMatch(/Revoked on \d{1,2} \w+ \d{4}\./);
      expect(html.text).not.toContain('Valid certificate');
      expect(html.text).not.toContain('copied');
      expect(html.headers['cache-control']).toBe('public, max-age=60');
      const mk = await page(other.code).query({ lang: 'mk' });
      expect(mk.text).toContain('Отповикан сертификат');

      const json = await t.http.get(`/api/certificates/${other.code}`).expect(404);
      expect(json.body.code).toBe('CERTIFICATE_REVOKED');

      const gone = await t.http.get(`/api/certificates/${other.code}/credential`).expect(410);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(gone.body).toMatchObject({
        code: 'CERTIFICATE_REVOKED',
        reason: 'revoked_by_issuer',
        revokedAt: expect.any(String),
      });
      expect(JSON.stringify(gone.body)).not.toContain('copied');
    });
  });

  describe('signing keys', () => {
    it('processes starting together end up with one active key; rotation keeps old keys published', async () => {
      const ds = t.app.get(DataSource);
      const before = await jwks();
      expect(before.keys).toHaveLength(1);

      // Retire the key, then let three first signatures find no key at once (as processes
      // starting together do: each generates one, the partial unique index keeps one).
      const keys = t.app.get(CredentialKeysService);
      await keys.retireActiveKey();
      const kids = (await Promise.all([1, 2, 3].map(() => keys.activeKey()))).map((k) => k.kid);
      expect(new Set(kids).size).toBe(1);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM credential_signing_keys WHERE retired_at IS NULL`,
      );
      expect(n).toBe(1);

      const after = await jwks();
      expect(after.keys).toHaveLength(2);
      expect(after.keys[0].kid).toBe(kids[0]);
      expect(after.keys[1].kid).toBe(before.keys[0].kid);

      // The private half is sealed at rest: no JWK member of a private key in clear.
      const [row] = await ds.query(
        `SELECT private_key_sealed FROM credential_signing_keys WHERE retired_at IS NULL`,
      );
      expect(row.private_key_sealed).toMatch(/^v1\./);
      expect(row.private_key_sealed).not.toContain('"d"');
    });
  });
});
