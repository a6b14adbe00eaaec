/**
 * The demo's organisations and staff accounts: every organisation type, spread over the six
 * countries, and one or more people in every role. Passwords are known on purpose (it is demo
 * data) and satisfy the password policy; the demo command prints them at the end of a run.
 */
export const DEMO_DOMAIN = 'demo.talentbridge.example';
export const demoEmail = (local: string): string => `${local}@${DEMO_DOMAIN}`;

export const DEMO_PASSWORDS = {
  admin: 'Demo-admin-2026',
  broker: 'Demo-broker-2026',
  trainer: 'Demo-trainer-2026',
  company: 'Demo-company-2026',
  trainee: 'Demo-trainee-2026',
} as const;

export type DemoRole = keyof typeof DEMO_PASSWORDS;

export const DEMO_ADMIN = { email: demoEmail('admin'), password: DEMO_PASSWORDS.admin };

/** The environment that makes the API create the demo admin at start-up (AdminSeeder). */
export const DEMO_ADMIN_ENV = {
  ADMIN_EMAIL: DEMO_ADMIN.email,
  ADMIN_PASSWORD: DEMO_ADMIN.password,
};

export interface DemoOrganisation {
  key: string;
  name: string;
  type: 'membership_org' | 'training_provider' | 'company';
  country: string;
  /** Its people: the first becomes the organisation's owner. */
  members: { email: string; displayName: string }[];
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    key: 'bridge',
    name: 'Balkan Digital Bridge',
    type: 'membership_org',
    country: 'RS',
    members: [{ email: demoEmail('broker'), displayName: 'Јелена Марковић' }],
  },
  {
    key: 'kyen',
    name: 'Kosovo Youth Employment Network',
    type: 'membership_org',
    country: 'XK',
    members: [{ email: demoEmail('broker.xk'), displayName: 'Arben Krasniqi' }],
  },
  {
    key: 'dal',
    name: 'Digital Albania Association',
    type: 'membership_org',
    country: 'AL',
    members: [{ email: demoEmail('broker.al'), displayName: 'Klea Hoxha' }],
  },
  {
    key: 'codeba',
    name: 'Code Academy Sarajevo',
    type: 'training_provider',
    country: 'BA',
    members: [{ email: demoEmail('trainer'), displayName: 'Lejla Hodžić' }],
  },
  {
    key: 'ictmk',
    name: 'Skopje ICT Training Centre',
    type: 'training_provider',
    country: 'MK',
    members: [{ email: demoEmail('trainer.mk'), displayName: 'Марија Ристевска' }],
  },
  {
    key: 'hubme',
    name: 'Montenegro Digital Skills Hub',
    type: 'training_provider',
    country: 'ME',
    members: [{ email: demoEmail('trainer.me'), displayName: 'Luka Vujović' }],
  },
  {
    key: 'nssoft',
    name: 'Novi Sad Software d.o.o.',
    type: 'company',
    country: 'RS',
    members: [{ email: demoEmail('company'), displayName: 'Marko Jovanović' }],
  },
  {
    key: 'tirana',
    name: 'Tirana Support Services sh.p.k.',
    type: 'company',
    country: 'AL',
    members: [{ email: demoEmail('company.al'), displayName: 'Ajla Shehu' }],
  },
  {
    key: 'prishtina',
    name: 'Prishtina Outsourcing L.L.C.',
    type: 'company',
    country: 'XK',
    members: [{ email: demoEmail('company.xk'), displayName: 'Valon Gashi' }],
  },
  {
    key: 'mostar',
    name: 'Mostar BPO d.o.o.',
    type: 'company',
    country: 'BA',
    members: [{ email: demoEmail('company.ba'), displayName: 'Amar Delić' }],
  },
  {
    key: 'skopjedata',
    name: 'Skopje Data Services DOOEL',
    type: 'company',
    country: 'MK',
    members: [{ email: demoEmail('company.mk'), displayName: 'Elena Angelov' }],
  },
  {
    key: 'podgorica',
    name: 'Podgorica Web Studio d.o.o.',
    type: 'company',
    country: 'ME',
    members: [{ email: demoEmail('company.me'), displayName: 'Sofija Radović' }],
  },
];

export const ROLE_OF_TYPE: Record<DemoOrganisation['type'], DemoRole> = {
  membership_org: 'broker',
  training_provider: 'trainer',
  company: 'company',
};

/** Trainee e-mails: trainee-001@…, trainee-002@…, deterministic by position. */
export const traineeEmail = (index: number): string =>
  demoEmail(`trainee-${String(index + 1).padStart(3, '0')}`);

export interface DemoCredential {
  role: DemoRole;
  email: string;
  password: string;
  organisation: string | null;
}

/** Everyone who can sign in, as the table printed at the end of a run. */
export function demoCredentials(trainees: number): DemoCredential[] {
  const staff = DEMO_ORGANISATIONS.flatMap((o) =>
    o.members.map((m) => ({
      role: ROLE_OF_TYPE[o.type],
      email: m.email,
      password: DEMO_PASSWORDS[ROLE_OF_TYPE[o.type]],
      organisation: o.name,
    })),
  );
  const traineeRow: DemoCredential[] =
    trainees === 0
      ? []
      : [
          {
            role: 'trainee',
            email:
              trainees === 1
                ? traineeEmail(0)
                : `${traineeEmail(0)} … ${traineeEmail(trainees - 1)}`,
            password: DEMO_PASSWORDS.trainee,
            organisation: null,
          },
        ];
  return [
    { role: 'admin', email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, organisation: null },
    ...staff,
    ...traineeRow,
  ];
}

export function formatCredentials(rows: DemoCredential[]): string {
  const header = ['role', 'e-mail', 'password', 'organisation'];
  const cells = rows.map((r) => [r.role, r.email, r.password, r.organisation ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
