import { anyUuid } from '@app/database';
import { SurveyDispatcher } from '@app/surveys';
import { sql } from 'kysely';
import type { INestApplication } from '@nestjs/common';
import { seededRandom } from '../bench/profile-population.js';
import { DEMO_DOMAIN, DEMO_PASSWORDS } from './demo-cast.js';
import type { Session } from './demo-http.js';
import type { DemoContext } from './demo-steps.js';

/** Follow-up answers: what people say they do, with a monthly income for paid work. */
const STATUSES = [
  { status: 'employed', share: 0.34, income: [450, 1100] },
  { status: 'freelance', share: 0.2, income: [250, 1400] },
  { status: 'self_employed', share: 0.08, income: [300, 900] },
  { status: 'in_training', share: 0.13 },
  { status: 'not_working', share: 0.25 },
] as const;
const SECTORS = ['ict', 'bpo', 'other'] as const;

/**
 * Demo follow-up surveys, answered, so a new user sees the survey indicators of the report
 * filled. The demo's trainings completed today; their follow-ups would fall due in 3, 6 and 12
 * months, so the demo brings the first two (and the third for a third of the people) forward to
 * now, lets the survey job send them as the worker would (notification and e-mail to the local
 * sink), and has most people answer while signed in (about 1 in 4 never answers). Idempotent:
 * only unsent surveys are brought forward and only open ones answered; the same seed gives the
 * same answers.
 */
export async function seedDemoSurveys(app: INestApplication, ctx: DemoContext): Promise<string> {
  const people = await ctx.db
    .selectFrom('surveys as s')
    .innerJoin('profiles as p', 'p.id', 's.profile_id')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.email', 'p.id as profile_id'])
    .distinct()
    .where(sql<string>`u.email::text`, 'like', `%@${DEMO_DOMAIN}`)
    .orderBy('u.email')
    .execute();
  const third = new Set(people.filter((_, i) => i % 3 === 0).map((p) => p.profile_id));
  await ctx.db
    .updateTable('surveys')
    .set({ due_at: sql<Date>`now()` })
    .where('sent_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .where('due_at', '>', sql<Date>`now()`)
    .where('profile_id', '=', anyUuid(people.map((p) => p.profile_id)))
    .where((eb) => eb.or([eb('follow_up', '<=', 2), eb('profile_id', '=', anyUuid([...third]))]))
    .execute();
  const { sent } = await app.get(SurveyDispatcher).runOnce();

  const rnd = seededRandom(ctx.options.seed + 7);
  let answered = 0;
  for (const person of people) {
    const email = person.email as string;
    // drawn for everyone in the same order, so a re-run draws the same numbers
    const draws = Array.from({ length: 18 }, () => rnd());
    const session: Session =
      ctx.sessions.get(email) ?? (await ctx.http.login(email, DEMO_PASSWORDS.trainee));
    ctx.sessions.set(email, session);
    const { items } = await ctx.http.get<{
      items: { id: string; followUp: number; state: string }[];
    }>('/api/profiles/me/surveys', session);
    for (const survey of items.filter((s) => s.state === 'open')) {
      const [responds, kind, income, hours, sector, same] = draws.slice(
        (survey.followUp - 1) * 6,
        survey.followUp * 6,
      );
      if (responds < 0.25) continue;
      let acc = 0;
      const choice = STATUSES.find((s) => (acc += s.share) > kind) ?? STATUSES[0];
      const working = 'income' in choice;
      const body: Record<string, unknown> = { status: choice.status };
      if (working) {
        const [lo, hi] = choice.income;
        body.monthlyIncomeEur = Math.round(lo + (hi - lo) * income);
        body.hoursPerWeek = 15 + Math.round(hours * 25);
        body.sector = SECTORS[Math.floor(sector * SECTORS.length)];
        body.sameEngagement = same < 0.6;
      }
      await ctx.http.request('POST', `/api/profiles/me/surveys/${survey.id}`, {
        body,
        as: session,
      });
      answered += 1;
    }
  }
  return `${sent} follow-up surveys sent, ${answered} answered`;
}
