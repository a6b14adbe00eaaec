import { anyText, anyUuid, checkedText, type TypedQueries } from '@app/database';
import { OPPORTUNITY_KINDS } from '@app/opportunities';
import { sql } from 'kysely';
import { seededRandom, type SeedProfile } from '../bench/profile-population.js';
import {
  DEMO_ADMIN,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORDS,
  ROLE_OF_TYPE,
  type DemoOrganisation,
  traineeEmail,
} from './demo-cast.js';
import { forEachLimit, type DemoHttp, type Session } from './demo-http.js';
import {
  demoListingBody,
  demoRequestBody,
  generateDemoProfiles,
  resolveOccupations,
  type DemoEmployer,
  type DemoOccupation,
  type DemoProfile,
  type ResolvedOccupation,
} from './demo-population.js';
import {
  planDemoMatches,
  remainingMoves,
  type DemoMatchPlan,
  type DemoMove,
  type DemoOpportunity,
} from './demo-matches.js';

export interface DemoOptions {
  /** Number of trainees (default 500). */
  trainees: number;
  /** PRNG seed: the same seed gives the same data. */
  seed: number;
  /** ESCO occupations (data/demo/occupations.json) the people and opportunities are built from. */
  occupations: DemoOccupation[];
  now: Date;
}

/** What the steps share: the API, read access for "does it exist yet?", and what earlier steps made. */
export interface DemoContext {
  http: DemoHttp;
  /** Reads the database for "does it exist yet?" (typed queries on the API's connections). */
  db: TypedQueries;
  options: DemoOptions;
  log(line: string): void;
  sessions: Map<string, Session>;
  organisations: Map<string, string>;
  programmes: Map<string, string>;
  occupations: ResolvedOccupation[];
  profiles: DemoProfile[];
}

/** One named, idempotent part of the demo data: it creates only what is not there yet. */
export interface DemoStep {
  name: string;
  run(ctx: DemoContext): Promise<string>;
}

const CONCURRENCY = 4;
const DAY_MS = 86_400_000;
const day = (now: Date, days: number): string =>
  new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** The `token` of the verification link in the newest e-mail queued for `email`. */
async function queuedVerificationToken(db: TypedQueries, email: string): Promise<string> {
  const row = await db
    .selectFrom('mail_outbox')
    .select('text_body')
    .where(sql<string>`lower(recipient)`, '=', email.toLowerCase())
    .where('template', '=', 'verifyEmail')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const token = /\/api\/auth\/verify-email\?token=([\w-]+)/.exec(row?.text_body ?? '')?.[1];
  if (token === undefined) throw new Error(`no verification e-mail queued for ${email}`);
  return token;
}

async function existingEmails(db: TypedQueries, emails: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('email', '=', sql<string>`ANY(${emails}::citext[])`)
    .execute();
  return new Set(rows.map((r) => r.email.toLowerCase()));
}

/** The organisation's opportunity imported from `sourceUrl`, if it exists. */
function listingAt(ctx: DemoContext, organisationId: string, sourceUrl: string) {
  return ctx.db
    .selectFrom('opportunities')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('source_url', '=', sourceUrl)
    .executeTakeFirst();
}

async function signIn(ctx: DemoContext, email: string, password: string): Promise<Session> {
  const session = await ctx.http.login(email, password);
  ctx.sessions.set(email, session);
  return session;
}

const session = (ctx: DemoContext, email: string): Session => {
  const found = ctx.sessions.get(email);
  if (found === undefined) throw new Error(`${email} is not signed in`);
  return found;
};

const memberOf = (key: string): string => {
  const org = DEMO_ORGANISATIONS.find((o) => o.key === key);
  if (org === undefined) throw new Error(`no demo organisation ${key}`);
  return org.members[0].email;
};

/** Membership organisations and training providers (created by the admin), companies (self-registered), and their people. */
export const organisationsStep: DemoStep = {
  name: 'organisations and staff',
  async run(ctx) {
    const admin = await signIn(ctx, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const present = await existingEmails(
      ctx.db,
      DEMO_ORGANISATIONS.flatMap((o) => o.members.map((m) => m.email)),
    );
    let created = 0;
    for (const org of DEMO_ORGANISATIONS) {
      const role = ROLE_OF_TYPE[org.type];
      const password = DEMO_PASSWORDS[role];
      const [owner, ...others] = org.members;
      if (org.type === 'company' && !present.has(owner.email)) {
        await ctx.http.register({
          email: owner.email,
          password,
          displayName: owner.displayName,
          accountType: 'company',
          organisationName: org.name,
          organisationCountry: org.country,
        });
        // The company follows the link of its verification e-mail (companies publish only once
        // confirmed); the demo reads the link from the queued message.
        await ctx.http.post('/api/auth/verify-email', {
          token: await queuedVerificationToken(ctx.db, owner.email),
        });
        created += 1;
      }
      let row = await ctx.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', org.name)
        .where('type', '=', org.type)
        .executeTakeFirst();
      if (row === undefined) {
        row = await ctx.http.post<{ id: string }>(
          '/api/organisations',
          { name: org.name, type: org.type, country: org.country },
          admin,
        );
        created += 1;
      }
      const id = row.id;
      ctx.organisations.set(org.key, id);
      for (const member of org.type === 'company' ? others : org.members) {
        if (present.has(member.email)) continue;
        await ctx.http.post(
          `/api/organisations/${id}/members`,
          { email: member.email, displayName: member.displayName, role, password },
          admin,
        );
        created += 1;
      }
      for (const member of org.members) await signIn(ctx, member.email, password);
    }
    return `${DEMO_ORGANISATIONS.length} organisations with their people (${created} created)`;
  },
};

const PROGRAMMES = [
  {
    code: 'WB-DIGITAL-2026',
    name: 'Digital Jobs for Western Balkans Youth',
    donor: 'European Union',
    countries: ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'],
    partners: ['bridge', 'kyen', 'dal'],
    priorities: [
      { kind: 'sex', value: 'female' },
      { kind: 'age', min: 15, max: 29 },
    ],
  },
  {
    code: 'REMOTE-BPO-2026',
    name: 'Remote BPO Work for Rural Women',
    donor: 'Deutsche Gesellschaft für Internationale Zusammenarbeit',
    countries: ['AL', 'XK', 'MK'],
    partners: ['kyen', 'dal'],
    priorities: [
      { kind: 'sex', value: 'female' },
      { kind: 'group', value: 'rural' },
    ],
  },
];

/** Donor programmes with their partner organisations and inclusion priorities. */
export const programmesStep: DemoStep = {
  name: 'programmes',
  async run(ctx) {
    const admin = session(ctx, DEMO_ADMIN.email);
    let created = 0;
    for (const p of PROGRAMMES) {
      let row = await ctx.db
        .selectFrom('programmes')
        .select('id')
        .where('code', '=', p.code)
        .executeTakeFirst();
      if (row === undefined) {
        row = await ctx.http.post<{ id: string }>(
          '/api/programmes',
          {
            name: p.name,
            code: p.code,
            donor: p.donor,
            countries: p.countries,
            startsOn: `${ctx.options.now.getUTCFullYear()}-01-01`,
            endsOn: `${ctx.options.now.getUTCFullYear() + 2}-12-31`,
            partners: p.partners.map((k) => ctx.organisations.get(k)),
            priorities: p.priorities,
          },
          admin,
        );
        created += 1;
      }
      ctx.programmes.set(p.code, row.id);
    }
    return `${PROGRAMMES.length} programmes (${created} created)`;
  },
};

/**
 * Each company hires for one ESCO occupation, in its own town; its work requests ask for that
 * occupation's skills, and the demo casts people who fit them (demo-population.ts).
 */
const EMPLOYERS: DemoEmployer[] = [
  { key: 'nssoft', city: 'Novi Sad', occupation: 'software developer' },
  { key: 'tirana', city: 'Tirana', occupation: 'customer service representative' },
  { key: 'prishtina', city: 'Pristina', occupation: 'ICT help desk agent' },
  { key: 'mostar', city: 'Mostar', occupation: 'data entry clerk' },
  { key: 'skopjedata', city: 'Skopje', occupation: 'data analyst' },
  { key: 'podgorica', city: 'Podgorica', occupation: 'web developer' },
].map((e) => {
  const org = DEMO_ORGANISATIONS.find((o) => o.key === e.key) as DemoOrganisation;
  return { ...e, name: org.name, country: org.country };
});

const occupationOf = (ctx: DemoContext, label: string): ResolvedOccupation => {
  const found = ctx.occupations.find((o) => o.label === label);
  if (found === undefined) throw new Error(`no demo occupation ${label}`);
  return found;
};

/** The occupations' ESCO skills looked up in the taxonomy (the skills table holds ESCO by URI). */
export const skillsStep: DemoStep = {
  name: 'occupations and their skills',
  async run(ctx) {
    const refs = ctx.options.occupations.flatMap((o) => [...o.essential, ...o.optional]);
    const names = refs.flatMap((r) =>
      r.taxonomyName === undefined ? [] : [r.taxonomyName.toLowerCase()],
    );
    const rows = await ctx.db
      .selectFrom('skills')
      .select(['id', 'esco_uri', sql<string>`lower(name)`.as('name')])
      .where((eb) =>
        eb.or([
          eb('esco_uri', '=', anyText(refs.map((r) => r.escoUri))),
          eb(sql<string>`lower(name)`, '=', anyText(names)),
        ]),
      )
      .execute();
    const byUri = new Map(rows.map((r) => [r.esco_uri, r.id]));
    const byName = new Map(rows.map((r) => [r.name, r.id]));
    ctx.occupations = resolveOccupations(ctx.options.occupations, (ref) =>
      ref.taxonomyName === undefined
        ? byUri.get(ref.escoUri)
        : byName.get(ref.taxonomyName.toLowerCase()),
    );
    const resolved = new Set(ctx.occupations.flatMap((o) => [...o.essential, ...o.optional]));
    return `${ctx.occupations.length} occupations with ${resolved.size} skills of the taxonomy`;
  },
};

/** Trainees register, fill in their profile and answer the inclusion questions (or decline). */
export const traineesStep: DemoStep = {
  name: 'trainees',
  async run(ctx) {
    const { trainees, seed, now } = ctx.options;
    ctx.profiles = generateDemoProfiles(trainees, seed, ctx.occupations, EMPLOYERS, now).map(
      (p, i) => ({ ...p, email: traineeEmail(i) }),
    );
    const present = await existingEmails(
      ctx.db,
      ctx.profiles.map((p) => p.email),
    );
    const missing = ctx.profiles.filter((p) => !present.has(p.email));
    await forEachLimit(missing, CONCURRENCY, async (p) => {
      const trainee = await ctx.http.register({
        email: p.email,
        password: DEMO_PASSWORDS.trainee,
        displayName: p.displayName,
        accountType: 'trainee',
      });
      const current = await ctx.http.request('GET', '/api/profiles/me', { as: trainee });
      await ctx.http.request('PUT', '/api/profiles/me', {
        as: trainee,
        headers: { 'if-match': current.headers.get('etag') ?? '' },
        body: profileBody(p, now),
      });
      await ctx.http.request('PUT', '/api/profiles/me/inclusion', {
        as: trainee,
        body:
          p.inclusion === null
            ? { consentToReporting: false }
            : {
                ...(p.inclusion.sex === null ? {} : { sex: p.inclusion.sex }),
                ...(p.inclusion.birthYear === null ? {} : { birthYear: p.inclusion.birthYear }),
                groups: p.inclusion.groups,
                consentToReporting: true,
              },
      });
    });
    return `${trainees} trainees (${missing.length} created)`;
  },
};

function profileBody(p: SeedProfile, now: Date): Record<string, unknown> {
  const today = day(now, 0);
  return {
    headline: p.headline,
    country: p.country,
    city: p.city,
    skills: p.skills.map((s) => ({
      skillId: s.skillId,
      level: s.level,
      ...(s.years === null ? {} : { years: s.years }),
    })),
    languages: p.languages,
    workModes: p.workModes,
    engagementTypes: p.engagementTypes,
    ...(p.hoursPerWeek === null ? {} : { hoursPerWeek: p.hoursPerWeek }),
    ...(p.availableFrom === null
      ? {}
      : { availableFrom: p.availableFrom < today ? today : p.availableFrom }),
    ...(p.hourlyRateEur === null ? {} : { hourlyRateEur: p.hourlyRateEur }),
    portfolio: [],
    openToWork: p.openToWork,
    visibility: p.visibility,
  };
}

/** One course per occupation the companies hire for; each teaches that occupation's core skills. */
const COURSES: {
  provider: string;
  title: string;
  hours: number;
  mode: string;
  occupation: string;
}[] = [
  {
    provider: 'codeba',
    title: 'Web development with JavaScript',
    hours: 240,
    mode: 'blended',
    occupation: 'web developer',
  },
  {
    provider: 'codeba',
    title: 'Data entry and office software',
    hours: 80,
    mode: 'online',
    occupation: 'data entry clerk',
  },
  {
    provider: 'ictmk',
    title: 'IT help desk support',
    hours: 120,
    mode: 'in_person',
    occupation: 'ICT help desk agent',
  },
  {
    provider: 'ictmk',
    title: 'Data analysis with SQL and Python',
    hours: 180,
    mode: 'online',
    occupation: 'data analyst',
  },
  {
    provider: 'hubme',
    title: 'Customer service in English',
    hours: 80,
    mode: 'blended',
    occupation: 'customer service representative',
  },
  {
    provider: 'hubme',
    title: 'Java back-end development',
    hours: 200,
    mode: 'in_person',
    occupation: 'software developer',
  },
];

/**
 * Courses of the training providers: a past cohort each with enrolments of people of the
 * course's occupation, completions (certificates) and drop-outs, and an upcoming cohort with
 * seats left, the one a near miss's skill gap points to.
 */
export const trainingStep: DemoStep = {
  name: 'courses, cohorts, enrolments and certificates',
  async run(ctx) {
    const rnd = seededRandom(ctx.options.seed + 1);
    const { now } = ctx.options;
    const profileRows = await ctx.db
      .selectFrom('users as u')
      .innerJoin('profiles as p', 'p.user_id', 'u.id')
      .select(['u.email', 'p.id'])
      .where('u.email', '=', sql<string>`ANY(${ctx.profiles.map((p) => p.email)}::citext[])`)
      .execute();
    const profileOf = new Map(profileRows.map((r) => [r.email, r.id]));
    const perCohort = Math.max(2, Math.min(25, Math.floor(ctx.profiles.length / 8)));
    let created = 0;
    let certificates = 0;
    for (const [i, course] of COURSES.entries()) {
      const providerId = ctx.organisations.get(course.provider) as string;
      const existing = await ctx.db
        .selectFrom('courses')
        .select('id')
        .where('provider_id', '=', providerId)
        .where('title', '=', course.title)
        .executeTakeFirst();
      // decided before the existence check, so a re-run draws the same numbers for the next course
      const offset = Math.floor(rnd() * ctx.profiles.length);
      const outcomes = Array.from({ length: perCohort }, () => rnd());
      if (existing !== undefined) continue;
      const trainer = session(ctx, memberOf(course.provider));
      const skills = occupationOf(ctx, course.occupation).core.map((skillId, j) => ({
        skillId,
        level: 3 - (j === 2 ? 1 : 0),
      }));
      const created_ = await ctx.http.post<{ id: string }>(
        '/api/courses',
        {
          programmeId: ctx.programmes.get('WB-DIGITAL-2026'),
          title: course.title,
          providerId,
          skills,
          hours: course.hours,
          mode: course.mode,
        },
        trainer,
      );
      const cohort = await ctx.http.post<{ id: string }>(
        `/api/courses/${created_.id}/cohorts`,
        {
          startsOn: day(now, -120 + i * 7),
          endsOn: day(now, -20 + i * 7),
          location: `${DEMO_ORGANISATIONS.find((o) => o.key === course.provider)?.name}, room ${i + 1}`,
          capacity: perCohort + 5,
        },
        trainer,
      );
      await ctx.http.post(
        `/api/courses/${created_.id}/cohorts`,
        {
          startsOn: day(now, 10 + i * 2),
          endsOn: day(now, 70 + i * 2),
          location: `${DEMO_ORGANISATIONS.find((o) => o.key === course.provider)?.name}, room ${i + 1}`,
          capacity: perCohort + 5,
        },
        trainer,
      );
      created += 1;
      // people of the course's occupation, except those cast as near misses (they lack what it
      // teaches and are pointed to the upcoming cohort); a certificate adds its skills
      const learners = ctx.profiles.filter(
        (p) => p.occupation === course.occupation && p.role !== 'near',
      );
      for (let k = 0; k < Math.min(perCohort, learners.length); k += 1) {
        const profileId = profileOf.get(learners[(offset + k) % learners.length].email);
        if (profileId === undefined) continue;
        const enrolment = await ctx.http.post<{ id: string }>(
          `/api/cohorts/${cohort.id}/enrolments`,
          { profileId },
          trainer,
        );
        if (outcomes[k] < 0.6) {
          await ctx.http.post(
            `/api/enrolments/${enrolment.id}/complete`,
            { score: 60 + Math.floor(outcomes[k] * 66) },
            trainer,
          );
          certificates += 1;
        } else if (outcomes[k] < 0.7) {
          await ctx.http.post(`/api/enrolments/${enrolment.id}/drop`, {}, trainer);
        }
      }
    }
    return `${COURSES.length} courses (${created} created, ${certificates} certificates issued)`;
  },
};

const REQUESTS_PER_COMPANY = 2;
/** The planned length of demo engagements: completions report up to 12 weeks of hours. */
const DEMO_DURATION_WEEKS = 12;

/**
 * Work requests of the companies, each for the occupation the company hires for (on site or
 * hybrid in its town, or remote): most open, one draft, one closed, some under the youth
 * programme. The last one, a remote request with one must-have skill, is the walkthrough's: the
 * newest open request.
 */
export const workRequestsStep: DemoStep = {
  name: 'work requests',
  async run(ctx) {
    const { seed, now } = ctx.options;
    const count = EMPLOYERS.length * REQUESTS_PER_COMPANY;
    const rnd = seededRandom(seed + 2);
    const bodies = Array.from({ length: count }, (_, i) => {
      const employer = EMPLOYERS[i % EMPLOYERS.length];
      const variant = Math.floor(i / EMPLOYERS.length);
      return demoRequestBody(employer, occupationOf(ctx, employer.occupation), variant, rnd, now);
    });
    const first = EMPLOYERS[0];
    const showcaseBody = demoRequestBody(first, occupationOf(ctx, first.occupation), 1, rnd, now);
    const showcase = {
      ...showcaseBody,
      title: `${occupationOf(ctx, first.occupation).headline} (remote, youth programme placement)`,
      countries: undefined,
      skills: (showcaseBody.skills as { skillId: string }[])
        .slice(0, 3)
        .map(({ skillId }, j) => ({ skillId, minLevel: 1, mustHave: j === 0 })),
      languages: [{ code: 'en', minLevel: 'A2' }],
      budget: { type: 'hourly', minEur: 8, maxEur: 40 },
      programmeId: ctx.programmes.get('WB-DIGITAL-2026'),
    };
    const plan: { body: Record<string, unknown>; company: DemoOrganisation; status: string }[] = [
      ...bodies.slice(0, count).map((body, i) => ({
        body: {
          ...body,
          // programme requests (every fourth: three companies, so people of three
          // occupations) take several people, so its report has outcomes above the
          // suppression threshold
          ...(i % 4 === 0
            ? { programmeId: ctx.programmes.get('WB-DIGITAL-2026'), openings: 4 }
            : {}),
        },
        company: DEMO_ORGANISATIONS.find(
          (o) => o.key === EMPLOYERS[i % EMPLOYERS.length].key,
        ) as DemoOrganisation,
        status: i === 1 ? 'draft' : i === 2 ? 'closed' : 'open',
      })),
      {
        body: showcase,
        company: DEMO_ORGANISATIONS.find((o) => o.key === first.key) as DemoOrganisation,
        status: 'open',
      },
    ];
    let created = 0;
    for (const { body, company, status } of plan) {
      const organisationId = ctx.organisations.get(company.key) as string;
      const existing = await ctx.db
        .selectFrom('opportunities')
        .select('id')
        .where('kind', '=', 'work_request')
        .where('organisation_id', '=', organisationId)
        .where('title', '=', body.title as string)
        .executeTakeFirst();
      if (existing !== undefined) continue;
      const owner = session(ctx, company.members[0].email);
      // only a partner of the programme attaches a request to it (docs/opportunities.md): the
      // company posts it, a partner broker tags it once it is open and brokers can see it
      const { programmeId, ...fields } = body;
      const request = await ctx.http.post<{ id: string }>(
        '/api/work-requests',
        JSON.parse(JSON.stringify({ ...fields, durationWeeks: DEMO_DURATION_WEEKS })),
        owner,
      );
      if (status !== 'draft')
        await ctx.http.post(`/api/work-requests/${request.id}/publish`, {}, owner);
      if (programmeId !== undefined && status !== 'draft') {
        await ctx.http.request('PUT', `/api/work-requests/${request.id}/programme`, {
          body: { programmeId },
          as: session(ctx, memberOf('bridge')),
        });
      }
      if (status === 'closed')
        await ctx.http.post(`/api/work-requests/${request.id}/close`, {}, owner);
      created += 1;
    }
    return `${plan.length} work requests (${created} created)`;
  },
};

const LISTINGS = 8;
const SOURCES = ['upwork', 'freelancer', 'toptal'];
const CLIENT_COUNTRIES = ['DE', 'US', 'NL', 'AT'];

/**
 * Freelance listings the membership organisations broker, for the companies' occupations in
 * turn (remote, the whole region); sourceUrl is their natural key.
 */
export const listingsStep: DemoStep = {
  name: 'listings',
  async run(ctx) {
    const { seed, now } = ctx.options;
    const rnd = seededRandom(seed + 3);
    const bodies = Array.from({ length: LISTINGS }, (_, i) =>
      demoListingBody(
        occupationOf(ctx, EMPLOYERS[i % EMPLOYERS.length].occupation),
        CLIENT_COUNTRIES[i % CLIENT_COUNTRIES.length],
        rnd,
        now,
      ),
    );
    const brokers = ['bridge', 'kyen', 'dal'];
    let created = 0;
    for (const [i, body] of bodies.entries()) {
      const key = brokers[i % brokers.length];
      const organisationId = ctx.organisations.get(key) as string;
      const source = SOURCES[i % SOURCES.length];
      // On the platform's own domain, as the scam screening expects of a listing from it.
      const sourceUrl = `https://www.${source}.com/jobs/demo-listing-${i + 1}`;
      const existing = await listingAt(ctx, organisationId, sourceUrl);
      if (existing !== undefined) continue;
      const broker = session(ctx, memberOf(key));
      const listing = await ctx.http.post<{ id: string }>(
        '/api/listings',
        { ...body, durationWeeks: DEMO_DURATION_WEEKS, source, sourceUrl },
        broker,
      );
      // listings open on creation; one has been filled elsewhere and is closed again
      if (i === LISTINGS - 1) await ctx.http.post(`/api/listings/${listing.id}/close`, {}, broker);
      created += 1;
    }
    created += await screenedListings(ctx, bodies);
    return `${LISTINGS + SCREENED.length} listings, one medium and one high scam risk (${created} created)`;
  },
};

/**
 * Listings the scam screening catches (docs/opportunities.md): the medium one is open with its
 * reason shown to brokers, the high one waits in review for the demo broker's decision. Both
 * are the demo broker's (`bridge`), so the walkthrough account sees them.
 */
const SCREENED = [
  {
    key: 'medium',
    note: 'To move faster, please continue the conversation with me on WhatsApp (+383 44 000 000).',
  },
  {
    key: 'high',
    note: 'Selected candidates pay a registration fee of 25 EUR to get access to our task system.',
  },
];

async function screenedListings(
  ctx: DemoContext,
  bodies: Record<string, unknown>[],
): Promise<number> {
  const organisationId = ctx.organisations.get('bridge') as string;
  const broker = session(ctx, memberOf('bridge'));
  let created = 0;
  for (const [i, screened] of SCREENED.entries()) {
    const sourceUrl = `https://www.upwork.com/jobs/demo-screened-${screened.key}`;
    const existing = await listingAt(ctx, organisationId, sourceUrl);
    if (existing !== undefined) continue;
    await ctx.http.post(
      '/api/listings',
      {
        ...bodies[i],
        description: `${String(bodies[i].description)}\n\n${screened.note}`,
        source: 'upwork',
        sourceUrl,
        clientCountry: 'US',
      },
      broker,
    );
    created += 1;
  }
  return created;
}

const BROKERS = DEMO_ORGANISATIONS.filter((o) => o.type === 'membership_org').map((o) => o.key);

/**
 * Matches in every state on the open (or since filled) work requests and listings, except the
 * walkthrough's request: created, moved, hired, completed and rated by the demo users whose move
 * it is (companies, brokers, the trainees with their demo password). A pair (profile,
 * opportunity) that has a match already is moved on only while it is still on the way to its
 * planned state; one that has left that path (e.g. hired in the walkthrough) is left alone.
 */
export const matchesStep: DemoStep = {
  name: 'matches',
  async run(ctx) {
    const keyOf = new Map([...ctx.organisations].map(([key, id]) => [id, key]));
    const demoOrganisations = [...ctx.organisations.values()];
    const opportunities = (
      await ctx.db
        .selectFrom('opportunities')
        .select([
          'id',
          'kind',
          'organisation_id',
          'openings',
          sql<boolean>`programme_id IS NOT NULL`.as('programme_linked'),
          'title',
          'hours_per_week',
        ])
        .where('organisation_id', '=', anyUuid(demoOrganisations))
        .where('status', 'in', ['open', 'filled'])
        .where('risk_level', '=', 'low')
        .where('id', 'is distinct from', (eb) =>
          eb
            .selectFrom('opportunities')
            .select('id')
            .where('kind', '=', 'work_request')
            .where('organisation_id', '=', anyUuid(demoOrganisations))
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .limit(1),
        )
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    ).map((r): DemoOpportunity => ({
      id: r.id,
      kind: checkedText(OPPORTUNITY_KINDS, r.kind, 'opportunities.kind'),
      owner: keyOf.get(r.organisation_id ?? '') ?? '',
      openings: Number(r.openings),
      programmeLinked: r.programme_linked,
      // demo titles start with the occupation's headline
      occupation: ctx.occupations.find((o) => r.title.startsWith(`${o.headline} `))?.label,
      hoursPerWeek: r.hours_per_week === null ? null : Number(r.hours_per_week),
    }));
    const occupationOfEmail = new Map(ctx.profiles.map((p) => [p.email, p.occupation]));
    const people = await ctx.db
      .selectFrom('users as u')
      .innerJoin('profiles as p', 'p.user_id', 'u.id')
      .select((eb) => [
        'u.email',
        'p.id',
        'p.visibility',
        'p.hourly_rate_eur',
        eb
          .exists(
            eb
              .selectFrom('enrolments as e')
              .select('e.id')
              .whereRef('e.profile_id', '=', 'p.id')
              .where('e.status', '=', 'completed'),
          )
          .$castTo<boolean>()
          .as('trained'),
      ])
      .where('u.email', '=', sql<string>`ANY(${ctx.profiles.map((p) => p.email)}::citext[])`)
      .orderBy('u.email')
      .execute();
    const plans = planDemoMatches(
      opportunities,
      people.map((r) => ({
        profileId: r.id,
        email: r.email,
        visibility: r.visibility,
        trained: r.trained,
        hourlyRateEur: r.hourly_rate_eur === null ? null : Number(r.hourly_rate_eur),
        occupation: occupationOfEmail.get(r.email),
      })),
      BROKERS,
      ctx.options.seed + 4,
    );
    const byOpportunity = new Map<string, DemoMatchPlan[]>();
    for (const p of plans) {
      byOpportunity.set(p.opportunity.id, [...(byOpportunity.get(p.opportunity.id) ?? []), p]);
    }
    let created = 0;
    // Opportunities side by side; each one's matches all exist before any is moved, since a
    // hire may fill the opportunity, and a filled one takes no new matches.
    await forEachLimit([...byOpportunity.values()], CONCURRENCY, async (group) => {
      const matches: DemoMatchRow[] = [];
      for (const plan of group) matches.push(await findOrCreateDemoMatch(ctx, plan));
      created += matches.filter((m) => m.created).length;
      for (const [i, plan] of group.entries()) await advanceDemoMatch(ctx, plan, matches[i]);
    });
    const outcomes = new Map<string, number>();
    for (const p of plans) outcomes.set(p.outcome, (outcomes.get(p.outcome) ?? 0) + 1);
    const summary = [...outcomes].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
    return `${plans.length} matches: ${summary} (${created} created)`;
  },
};

interface DemoMatchRow {
  id: string;
  state: string;
  employerRated: boolean;
  created: boolean;
}

/** The pair's newest match, or a new one created by the planned organisation. */
async function findOrCreateDemoMatch(ctx: DemoContext, plan: DemoMatchPlan): Promise<DemoMatchRow> {
  const existing = await ctx.db
    .selectFrom('matches')
    .select(['id', 'state', 'employer_rating'])
    .where('profile_id', '=', plan.person.profileId)
    .where('opportunity_id', '=', plan.opportunity.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (existing !== undefined) {
    return {
      id: existing.id,
      state: existing.state,
      employerRated: existing.employer_rating !== null,
      created: false,
    };
  }
  const created = await ctx.http.post<{ id: string; state: string }>(
    '/api/matches',
    {
      profileId: plan.person.profileId,
      [plan.opportunity.kind === 'listing' ? 'listingId' : 'workRequestId']: plan.opportunity.id,
    },
    session(ctx, memberOf(plan.creator)),
  );
  return { id: created.id, state: created.state, employerRated: false, created: true };
}

/** Makes the moves the match still lacks towards its planned outcome; the trainee rates a completion. */
async function advanceDemoMatch(
  ctx: DemoContext,
  plan: DemoMatchPlan,
  match: DemoMatchRow,
): Promise<void> {
  const moves = remainingMoves(plan.outcome, match.state);
  for (const move of moves) {
    await ctx.http.post(
      `/api/matches/${match.id}/transitions`,
      transitionBody(plan, move),
      await moverSession(ctx, plan, move),
    );
  }
  const completed = moves.at(-1)?.to === 'completed' || match.state === 'completed';
  if (completed && !match.employerRated) {
    await ctx.http.post(
      `/api/matches/${match.id}/rating`,
      plan.employerRating,
      await traineeSession(ctx, plan.person.email),
    );
  }
}

function transitionBody(plan: DemoMatchPlan, move: DemoMove): Record<string, unknown> {
  if (move.to === 'hired') return { to: move.to, ...plan.hire };
  if (move.to === 'completed') return { to: move.to, ...plan.completion };
  const ending = move.to === 'declined' || move.to === 'cancelled';
  return { to: move.to, ...(ending && plan.note !== null ? { note: plan.note } : {}) };
}

async function moverSession(
  ctx: DemoContext,
  plan: DemoMatchPlan,
  move: DemoMove,
): Promise<Session> {
  if (move.by === 'trainee') return traineeSession(ctx, plan.person.email);
  return session(ctx, memberOf(move.by === 'creator' ? plan.creator : plan.opportunity.owner));
}

/** Trainees sign in with the demo trainee password, once per run. */
async function traineeSession(ctx: DemoContext, email: string): Promise<Session> {
  return ctx.sessions.get(email) ?? signIn(ctx, email, DEMO_PASSWORDS.trainee);
}

/**
 * The demo data, step by step, in order. Each step creates what is missing and leaves what is
 * there alone, so a second run changes nothing.
 */
export const DEMO_STEPS: readonly DemoStep[] = [
  organisationsStep,
  programmesStep,
  skillsStep,
  traineesStep,
  trainingStep,
  workRequestsStep,
  listingsStep,
  matchesStep,
];
