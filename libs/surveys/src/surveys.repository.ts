import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Sector, SurveyAnswer, TriggerKind, WorkStatus } from './survey-values.js';

/** One survey as the service works with it. */
export interface SurveyRow {
  id: string;
  profileId: string;
  userId: string | null;
  locale: string | null;
  triggerKind: TriggerKind;
  followUp: number;
  offset: string;
  triggeredAt: Date;
  dueAt: Date;
  sentAt: Date | null;
  remindedAt: Date | null;
  expiresAt: Date | null;
  answeredAt: Date | null;
  status: WorkStatus | null;
  monthlyIncomeEur: number | null;
  hoursPerWeek: number | null;
  sector: Sector | null;
  sameEngagement: boolean | null;
}

/** A due or reminder-due survey claimed by the worker, with the person to write to. */
export interface ClaimedSurvey {
  id: string;
  userId: string | null;
  followUp: number;
}

const COLUMNS = `
  s.id, s.profile_id AS "profileId", p.user_id AS "userId", u.locale,
  s.trigger_kind AS "triggerKind", s.follow_up AS "followUp", s.offset_iso AS "offset",
  s.triggered_at AS "triggeredAt", s.due_at AS "dueAt", s.sent_at AS "sentAt",
  s.reminded_at AS "remindedAt", s.expires_at AS "expiresAt", s.answered_at AS "answeredAt",
  s.work_status AS status, s.monthly_income_eur::float8 AS "monthlyIncomeEur",
  s.hours_per_week::float8 AS "hoursPerWeek", s.sector, s.same_engagement AS "sameEngagement"`;

const FROM = `surveys s
  JOIN profiles p ON p.id = s.profile_id
  LEFT JOIN users u ON u.id = p.user_id AND u.erased_at IS NULL`;

/** Follow-up surveys: their schedule, the worker's claims, answers and erasure. */
@Injectable()
export class SurveysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One survey per offset after a completed enrolment, due `finished_at + offset`; a second call
   * for the same enrolment adds nothing (unique per enrolment and follow-up).
   */
  async scheduleForEnrolment(
    manager: EntityManager,
    enrolmentId: string,
    offsets: readonly string[],
  ): Promise<number> {
    const rows = (await manager.query(
      `INSERT INTO surveys (profile_id, trigger_kind, enrolment_id, follow_up, offset_iso,
                            triggered_at, due_at)
       SELECT e.profile_id, 'training', e.id, o.n, o.iso, e.finished_at,
              e.finished_at + o.iso::interval
         FROM enrolments e
         CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS o (iso, n)
        WHERE e.id = $1 AND e.status = 'completed' AND e.finished_at IS NOT NULL
       ON CONFLICT (enrolment_id, follow_up) WHERE enrolment_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [enrolmentId, offsets],
    )) as unknown[];
    return rows.length;
  }

  /** As {@link scheduleForEnrolment}, after a hire: due `hired_at + offset`. */
  async scheduleForMatch(
    manager: EntityManager,
    matchId: string,
    offsets: readonly string[],
  ): Promise<number> {
    const rows = (await manager.query(
      `INSERT INTO surveys (profile_id, trigger_kind, match_id, follow_up, offset_iso,
                            triggered_at, due_at)
       SELECT m.profile_id, 'hire', m.id, o.n, o.iso, m.hired_at, m.hired_at + o.iso::interval
         FROM matches m
         CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS o (iso, n)
        WHERE m.id = $1 AND m.hired_at IS NOT NULL
       ON CONFLICT (match_id, follow_up) WHERE match_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [matchId, offsets],
    )) as unknown[];
    return rows.length;
  }

  /**
   * Unsent surveys due by `now`, locked for this transaction; rows another worker holds are
   * skipped (`FOR UPDATE SKIP LOCKED`), so each is sent by exactly one worker.
   */
  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<ClaimedSurvey[]> {
    return manager.query(
      `SELECT s.id, p.user_id AS "userId", s.follow_up AS "followUp"
         FROM surveys s JOIN profiles p ON p.id = s.profile_id
        WHERE s.sent_at IS NULL AND s.withdrawn_at IS NULL AND s.due_at <= $1
        ORDER BY s.due_at
        LIMIT $2
        FOR UPDATE OF s SKIP LOCKED`,
      [now, limit],
    );
  }

  async markSent(
    manager: EntityManager,
    id: string,
    values: { tokenHash: string; sentAt: Date; expiresAt: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE surveys SET token_hash = $2, sent_at = $3, expires_at = $4 WHERE id = $1`,
      [id, values.tokenHash, values.sentAt, values.expiresAt],
    );
  }

  /** A survey of a person who is no longer there: never sent. */
  async withdraw(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE surveys SET withdrawn_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Sent, unanswered, not yet reminded, sent at or before `sentBy` and still open at `now`. */
  async claimReminders(
    manager: EntityManager,
    sentBy: Date,
    now: Date,
    limit: number,
  ): Promise<ClaimedSurvey[]> {
    return manager.query(
      `SELECT s.id, p.user_id AS "userId", s.follow_up AS "followUp"
         FROM surveys s JOIN profiles p ON p.id = s.profile_id
        WHERE s.sent_at IS NOT NULL AND s.sent_at <= $1 AND s.answered_at IS NULL
          AND s.reminded_at IS NULL AND s.withdrawn_at IS NULL AND s.expires_at > $2
        ORDER BY s.sent_at
        LIMIT $3
        FOR UPDATE OF s SKIP LOCKED`,
      [sentBy, now, limit],
    );
  }

  /** The reminder carries a second token; the first e-mail's link keeps working. */
  async markReminded(
    manager: EntityManager,
    id: string,
    values: { tokenHash: string | null; remindedAt: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE surveys SET reminder_token_hash = $2, reminded_at = $3 WHERE id = $1`,
      [id, values.tokenHash, values.remindedAt],
    );
  }

  /** The sent survey whose link carries this token (either e-mail's), optionally locked. */
  async findByTokenHash(
    hash: string,
    options: { manager?: EntityManager; lock?: boolean } = {},
  ): Promise<SurveyRow | undefined> {
    const [row] = (await (options.manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE (s.token_hash = $1 OR s.reminder_token_hash = $1) AND s.sent_at IS NOT NULL
          AND s.withdrawn_at IS NULL
        ${options.lock === true ? 'FOR UPDATE OF s' : ''}`,
      [hash],
    )) as SurveyRow[];
    return row;
  }

  /** The caller's surveys that have fallen due (sent), newest due first. */
  findSentOfUser(userId: string): Promise<SurveyRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE p.user_id = $1 AND p.erased_at IS NULL AND s.sent_at IS NOT NULL
          AND s.withdrawn_at IS NULL
        ORDER BY s.due_at DESC, s.id`,
      [userId],
    );
  }

  /** One of the caller's sent surveys, locked; undefined for anyone else's. */
  async lockSentOfUser(
    manager: EntityManager,
    userId: string,
    id: string,
  ): Promise<SurveyRow | undefined> {
    const [row] = (await manager.query(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE s.id = $2 AND p.user_id = $1 AND p.erased_at IS NULL AND s.sent_at IS NOT NULL
          AND s.withdrawn_at IS NULL
        FOR UPDATE OF s`,
      [userId, id],
    )) as SurveyRow[];
    return row;
  }

  /** Stores the answer unless one is there already (checked under the row lock by the caller). */
  async saveAnswer(
    manager: EntityManager,
    id: string,
    answer: SurveyAnswer,
    values: { at: Date; via: 'link' | 'account' },
  ): Promise<boolean> {
    const [rows] = (await manager.query(
      `UPDATE surveys
          SET answered_at = $2, answered_via = $3, work_status = $4, monthly_income_eur = $5,
              hours_per_week = $6, sector = $7, same_engagement = $8
        WHERE id = $1 AND answered_at IS NULL
        RETURNING id`,
      [
        id,
        values.at,
        values.via,
        answer.status,
        answer.monthlyIncomeEur ?? null,
        answer.hoursPerWeek ?? null,
        answer.sector ?? null,
        answer.sameEngagement ?? null,
      ],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  /**
   * Erasure: surveys not yet sent are deleted (nothing is ever sent to the erased person), and
   * every link stops working. Sent and answered rows stay on the anonymous profile row, as
   * matches do, so the report's counts do not change.
   */
  async eraseForProfile(manager: EntityManager, profileId: string): Promise<void> {
    await manager.query(`DELETE FROM surveys WHERE profile_id = $1 AND sent_at IS NULL`, [
      profileId,
    ]);
    await manager.query(
      `UPDATE surveys SET token_hash = NULL, reminder_token_hash = NULL, answered_via = NULL
        WHERE profile_id = $1`,
      [profileId],
    );
  }

  /** The profile id of an active trainee account, if any. */
  async findProfileIdOfUser(userId: string): Promise<string | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT id FROM profiles WHERE user_id = $1 AND erased_at IS NULL`,
      [userId],
    )) as { id: string }[];
    return row?.id;
  }
}
