import { checkedText, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import {
  SECTORS,
  TRIGGER_KINDS,
  WORK_STATUSES,
  type Sector,
  type SurveyAnswer,
  type TriggerKind,
  type WorkStatus,
} from './survey-values.js';

/** One survey as the service works with it. */
export interface SurveyRow {
  id: string;
  profileId: string;
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

/** A due or reminder-due survey claimed by the worker; its profile leads to the person. */
export interface ClaimedSurvey {
  id: string;
  profileId: string;
  followUp: number;
}

const COLUMNS = [
  'id',
  'profile_id',
  'trigger_kind',
  'follow_up',
  'offset_iso',
  'triggered_at',
  'due_at',
  'sent_at',
  'reminded_at',
  'expires_at',
  'answered_at',
  'work_status',
  'monthly_income_eur',
  'hours_per_week',
  'sector',
  'same_engagement',
] as const;

/** Follow-up surveys: their schedule, the worker's claims, answers and erasure. */
@Injectable()
export class SurveysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get db() {
    return typedQueries(this.dataSource.manager);
  }

  /**
   * One survey per offset after a completed enrolment, due `finished_at + offset`; a second call
   * for the same enrolment adds nothing (unique per enrolment and follow-up). Reads training's
   * `completed_enrolments` view in the caller's (the completion's) transaction.
   */
  async scheduleForEnrolment(
    manager: EntityManager,
    enrolmentId: string,
    offsets: readonly string[],
  ): Promise<number> {
    const rows = await typedQueries(manager)
      .insertInto('surveys')
      .columns([
        'profile_id',
        'trigger_kind',
        'enrolment_id',
        'follow_up',
        'offset_iso',
        'triggered_at',
        'due_at',
      ])
      .expression((eb) =>
        eb
          .selectFrom('completed_enrolments as e')
          .crossJoin(offsetsOf(offsets))
          .select([
            'e.profile_id',
            sql<TriggerKind>`'training'`.as('trigger_kind'),
            'e.id',
            'o.n',
            'o.iso',
            'e.finished_at',
            sql<Date>`e.finished_at + o.iso::interval`.as('due_at'),
          ])
          .where('e.id', '=', enrolmentId),
      )
      .onConflict((oc) =>
        oc.columns(['enrolment_id', 'follow_up']).where('enrolment_id', 'is not', null).doNothing(),
      )
      .returning('id')
      .execute();
    return rows.length;
  }

  /**
   * As {@link scheduleForEnrolment}, after a hire: due `hired_at + offset`, from brokering's
   * `hired_matches` view.
   */
  async scheduleForMatch(
    manager: EntityManager,
    matchId: string,
    offsets: readonly string[],
  ): Promise<number> {
    const rows = await typedQueries(manager)
      .insertInto('surveys')
      .columns([
        'profile_id',
        'trigger_kind',
        'match_id',
        'follow_up',
        'offset_iso',
        'triggered_at',
        'due_at',
      ])
      .expression((eb) =>
        eb
          .selectFrom('hired_matches as m')
          .crossJoin(offsetsOf(offsets))
          .select([
            'm.profile_id',
            sql<TriggerKind>`'hire'`.as('trigger_kind'),
            'm.id',
            'o.n',
            'o.iso',
            'm.hired_at',
            sql<Date>`m.hired_at + o.iso::interval`.as('due_at'),
          ])
          .where('m.id', '=', matchId),
      )
      .onConflict((oc) =>
        oc.columns(['match_id', 'follow_up']).where('match_id', 'is not', null).doNothing(),
      )
      .returning('id')
      .execute();
    return rows.length;
  }

  /**
   * Unsent surveys due by `now`, locked for this transaction; rows another worker holds are
   * skipped (`FOR UPDATE SKIP LOCKED`), so each is sent by exactly one worker.
   */
  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<ClaimedSurvey[]> {
    const rows = await typedQueries(manager)
      .selectFrom('surveys')
      .select(['id', 'profile_id', 'follow_up'])
      .where('sent_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    return rows.map(toClaimed);
  }

  async markSent(
    manager: EntityManager,
    id: string,
    values: { tokenHash: string; sentAt: Date; expiresAt: Date },
  ): Promise<void> {
    await typedQueries(manager)
      .updateTable('surveys')
      .set({ token_hash: values.tokenHash, sent_at: values.sentAt, expires_at: values.expiresAt })
      .where('id', '=', id)
      .execute();
  }

  /** A survey of a person who is no longer there: never sent. */
  async withdraw(manager: EntityManager, id: string, at: Date): Promise<void> {
    await typedQueries(manager)
      .updateTable('surveys')
      .set({ withdrawn_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** Sent, unanswered, not yet reminded, sent at or before `sentBy` and still open at `now`. */
  async claimReminders(
    manager: EntityManager,
    sentBy: Date,
    now: Date,
    limit: number,
  ): Promise<ClaimedSurvey[]> {
    const rows = await typedQueries(manager)
      .selectFrom('surveys')
      .select(['id', 'profile_id', 'follow_up'])
      .where('sent_at', 'is not', null)
      .where('sent_at', '<=', sentBy)
      .where('answered_at', 'is', null)
      .where('reminded_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('sent_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    return rows.map(toClaimed);
  }

  /** The reminder carries a second token; the first e-mail's link keeps working. */
  async markReminded(
    manager: EntityManager,
    id: string,
    values: { tokenHash: string | null; remindedAt: Date },
  ): Promise<void> {
    await typedQueries(manager)
      .updateTable('surveys')
      .set({ reminder_token_hash: values.tokenHash, reminded_at: values.remindedAt })
      .where('id', '=', id)
      .execute();
  }

  /** The sent survey whose link carries this token (either e-mail's), optionally locked. */
  async findByTokenHash(
    hash: string,
    options: { manager?: EntityManager; lock?: boolean } = {},
  ): Promise<SurveyRow | undefined> {
    const query = typedQueries(options.manager ?? this.dataSource.manager)
      .selectFrom('surveys')
      .select(COLUMNS)
      .where((eb) => eb.or([eb('token_hash', '=', hash), eb('reminder_token_hash', '=', hash)]))
      .where('sent_at', 'is not', null)
      .where('withdrawn_at', 'is', null);
    const row = await (options.lock === true ? query.forUpdate() : query).executeTakeFirst();
    return row === undefined ? undefined : toSurvey(row);
  }

  /** The profile's surveys that have fallen due (sent), newest due first. */
  async findSentOfProfile(profileId: string): Promise<SurveyRow[]> {
    const rows = await this.db
      .selectFrom('surveys')
      .select(COLUMNS)
      .where('profile_id', '=', profileId)
      .where('sent_at', 'is not', null)
      .where('withdrawn_at', 'is', null)
      .orderBy('due_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toSurvey);
  }

  /** One of the profile's sent surveys, locked; undefined for any other profile's. */
  async lockSentOfProfile(
    manager: EntityManager,
    profileId: string,
    id: string,
  ): Promise<SurveyRow | undefined> {
    const row = await typedQueries(manager)
      .selectFrom('surveys')
      .select(COLUMNS)
      .where('id', '=', id)
      .where('profile_id', '=', profileId)
      .where('sent_at', 'is not', null)
      .where('withdrawn_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    return row === undefined ? undefined : toSurvey(row);
  }

  /** Stores the answer unless one is there already (checked under the row lock by the caller). */
  async saveAnswer(
    manager: EntityManager,
    id: string,
    answer: SurveyAnswer,
    values: { at: Date; via: 'link' | 'account' },
  ): Promise<boolean> {
    const rows = await typedQueries(manager)
      .updateTable('surveys')
      .set({
        answered_at: values.at,
        answered_via: values.via,
        work_status: answer.status,
        monthly_income_eur: answer.monthlyIncomeEur ?? null,
        hours_per_week: answer.hoursPerWeek ?? null,
        sector: answer.sector ?? null,
        same_engagement: answer.sameEngagement ?? null,
      })
      .where('id', '=', id)
      .where('answered_at', 'is', null)
      .returning('id')
      .execute();
    return rows.length === 1;
  }

  /**
   * Erasure: surveys not yet sent are deleted (nothing is ever sent to the erased person), and
   * every link stops working. Sent and answered rows stay on the anonymous profile row, as
   * matches do, so the report's counts do not change.
   */
  async eraseForProfile(manager: EntityManager, profileId: string): Promise<void> {
    const db = typedQueries(manager);
    await db
      .deleteFrom('surveys')
      .where('profile_id', '=', profileId)
      .where('sent_at', 'is', null)
      .execute();
    await db
      .updateTable('surveys')
      .set({ token_hash: null, reminder_token_hash: null, answered_via: null })
      .where('profile_id', '=', profileId)
      .execute();
  }
}

/** The follow-up offsets, numbered from 1 in their order (`o.iso`, `o.n`). */
function offsetsOf(offsets: readonly string[]) {
  return sql<{ iso: string; n: number }>`unnest(${offsets}::text[]) WITH ORDINALITY`.as<'o'>(
    sql`o(iso, n)`,
  );
}

function toClaimed(row: { id: string; profile_id: string; follow_up: number }): ClaimedSurvey {
  return { id: row.id, profileId: row.profile_id, followUp: row.follow_up };
}

function toSurvey(row: {
  id: string;
  profile_id: string;
  trigger_kind: string;
  follow_up: number;
  offset_iso: string;
  triggered_at: Date;
  due_at: Date;
  sent_at: Date | null;
  reminded_at: Date | null;
  expires_at: Date | null;
  answered_at: Date | null;
  work_status: string | null;
  monthly_income_eur: string | null;
  hours_per_week: string | null;
  sector: string | null;
  same_engagement: boolean | null;
}): SurveyRow {
  return {
    id: row.id,
    profileId: row.profile_id,
    triggerKind: checkedText(TRIGGER_KINDS, row.trigger_kind, 'surveys.trigger_kind'),
    followUp: row.follow_up,
    offset: row.offset_iso,
    triggeredAt: row.triggered_at,
    dueAt: row.due_at,
    sentAt: row.sent_at,
    remindedAt: row.reminded_at,
    expiresAt: row.expires_at,
    answeredAt: row.answered_at,
    status:
      row.work_status === null
        ? null
        : checkedText(WORK_STATUSES, row.work_status, 'surveys.work_status'),
    monthlyIncomeEur: row.monthly_income_eur === null ? null : Number(row.monthly_income_eur),
    hoursPerWeek: row.hours_per_week === null ? null : Number(row.hours_per_week),
    sector: row.sector === null ? null : checkedText(SECTORS, row.sector, 'surveys.sector'),
    sameEngagement: row.same_engagement,
  };
}
