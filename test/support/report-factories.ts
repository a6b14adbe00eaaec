import { DataSource } from 'typeorm';
import type { TestApp } from './test-app.js';

/**
 * Matches written exactly as the match workflow writes them: the row carries the timestamps of
 * the states it went through, and `match_events` holds one row per transition (from_state NULL
 * for the first). Used where a report needs matches with chosen, back-dated histories.
 */
export interface MatchHistory {
  profileId: string;
  opportunityId: string;
  organisationId?: string | null;
  shortlistedAt: string;
  /** Invited and accepted at this moment, then hired. */
  hiredAt?: string;
  completedAt?: string;
  declinedAt?: string;
  agreedRateEur?: number;
  hoursWorked?: number;
  incomeEur?: number;
}

export async function insertMatch(t: TestApp, m: MatchHistory): Promise<string> {
  const steps: { to: string; at: string }[] = [{ to: 'shortlisted', at: m.shortlistedAt }];
  if (m.declinedAt !== undefined) {
    steps.push({ to: 'invited', at: m.shortlistedAt }, { to: 'declined', at: m.declinedAt });
  }
  if (m.hiredAt !== undefined) {
    steps.push(
      { to: 'invited', at: m.shortlistedAt },
      { to: 'accepted', at: m.hiredAt },
      { to: 'hired', at: m.hiredAt },
    );
  }
  if (m.completedAt !== undefined) steps.push({ to: 'completed', at: m.completedAt });
  const state = steps[steps.length - 1].to;
  const invited = steps.find((s) => s.to === 'invited')?.at ?? null;
  const answered = m.declinedAt ?? m.hiredAt ?? null;
  const db = t.app.get(DataSource);
  return db.transaction(async (manager) => {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO matches (profile_id, opportunity_id, state, organisation_id, agreed_rate_eur,
         hours_worked, income_eur, shortlisted_at, invited_at, answered_at, hired_at,
         completed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $8)
       RETURNING id`,
      [
        m.profileId,
        m.opportunityId,
        state,
        m.organisationId ?? null,
        m.hiredAt === undefined ? null : (m.agreedRateEur ?? 10),
        m.hoursWorked ?? null,
        m.incomeEur ?? null,
        m.shortlistedAt,
        invited,
        answered,
        m.hiredAt ?? null,
        m.completedAt ?? null,
      ],
    );
    let from: string | null = null;
    for (const step of steps) {
      await manager.query(
        `INSERT INTO match_events (match_id, actor_role, from_state, to_state, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          id,
          step.to === 'accepted' || step.to === 'declined' ? 'trainee' : 'broker',
          from,
          step.to,
          step.at,
        ],
      );
      from = step.to;
    }
    return id;
  });
}

/** Sets a timestamp the API always sets to "now" (registration, completion, issue date). */
export async function backdate(
  t: TestApp,
  table: 'profiles' | 'enrolments' | 'certificates',
  column: 'created_at' | 'finished_at' | 'issued_at',
  where: { column: 'id' | 'enrolment_id'; value: string },
  at: string,
): Promise<void> {
  await t.app
    .get(DataSource)
    .query(`UPDATE ${table} SET ${column} = $1 WHERE ${where.column} = $2`, [at, where.value]);
}
