import { TransactionRunner } from '@app/database';
import { InputValidationError } from '@app/http';
import { UserDirectory } from '@app/identity';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@app/mail';
import { ProfileOwners } from '@app/profiles';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OwnSurveyDto, SurveyFormDto, SurveyQuestionDto } from './dto/survey-response.dto.js';
import { SurveyClock } from './survey-clock.js';
import { checkSurveyAnswer } from './survey-answer-rules.js';
import { SURVEY_TEXTS, type SurveyTexts } from './survey-page/survey-texts.js';
import { hashSurveyToken, looksLikeSurveyToken } from './survey-token.js';
import { ANSWER_BOUNDS, SECTORS, WORK_STATUSES } from './survey-values.js';
import {
  SurveyAlreadyAnsweredError,
  SurveyExpiredError,
  SurveyNotFoundError,
} from './surveys.errors.js';
import { SurveysRepository, type SurveyRow } from './surveys.repository.js';

/** A survey reached by its link, for the page or the JSON answer. */
export interface OpenSurvey {
  row: SurveyRow;
  locale: Locale;
  texts: SurveyTexts;
}

/** Answers follow-up surveys, by link (no sign-in) or as the signed-in trainee. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly surveys: SurveysRepository,
    private readonly profiles: ProfileOwners,
    private readonly accounts: UserDirectory,
    private readonly clock: SurveyClock,
  ) {}

  /** The survey behind a link: 404 unknown, 409 answered, 410 closed. */
  async openByToken(token: string): Promise<OpenSurvey> {
    const row = looksLikeSurveyToken(token)
      ? await this.surveys.findByTokenHash(hashSurveyToken(token))
      : undefined;
    if (row === undefined) throw new SurveyNotFoundError();
    this.assertOpen(row);
    const locale = await this.localeOf(row);
    return { row, locale, texts: SURVEY_TEXTS[locale] };
  }

  /** The locale of a link's person, for error pages; English for an unknown link. */
  async localeOfToken(token: string): Promise<Locale> {
    const row = looksLikeSurveyToken(token)
      ? await this.surveys.findByTokenHash(hashSurveyToken(token))
      : undefined;
    return row === undefined ? DEFAULT_LOCALE : this.localeOf(row);
  }

  form(open: OpenSurvey): SurveyFormDto {
    const { row, locale, texts } = open;
    return {
      id: row.id,
      followUp: row.followUp,
      offset: row.offset,
      locale,
      title: texts.title,
      intro: texts.intro,
      questions: questionsOf(texts),
      dueAt: row.dueAt.toISOString(),
      expiresAt: (row.expiresAt as Date).toISOString(),
    };
  }

  /** Answers through the link: single use (409 after), closed after expiry (410). */
  async answerByToken(token: string, input: Record<string, unknown>): Promise<void> {
    const answer = this.check(input);
    if (!looksLikeSurveyToken(token)) throw new SurveyNotFoundError();
    await this.tx.run(async (manager) => {
      const row = await this.surveys.findByTokenHash(hashSurveyToken(token), {
        manager,
        lock: true,
      });
      if (row === undefined) throw new SurveyNotFoundError();
      await this.save(manager, row, answer, 'link');
    });
  }

  async listOwn(userId: string): Promise<{ items: OwnSurveyDto[] }> {
    const profileId = await this.profiles.activeProfileOf(userId);
    const rows = profileId === undefined ? [] : await this.surveys.findSentOfProfile(profileId);
    const now = this.clock.now();
    return { items: rows.map((r) => toOwnSurvey(r, now)) };
  }

  /** The signed-in trainee answers one of their own open surveys. */
  async answerOwn(userId: string, id: string, input: Record<string, unknown>): Promise<void> {
    const answer = this.check(input);
    await this.tx.run(async (manager) => {
      const profileId = await this.profiles.activeProfileOf(userId, manager);
      const row =
        profileId === undefined
          ? undefined
          : await this.surveys.lockSentOfProfile(manager, profileId, id);
      if (row === undefined) throw new SurveyNotFoundError();
      await this.save(manager, row, answer, 'account');
    });
  }

  /** Erasure hook: unsent surveys go, every link stops working, answers stay anonymous. */
  erase(manager: EntityManager, profileId: string): Promise<void> {
    return this.surveys.eraseForProfile(manager, profileId);
  }

  /** The language of the survey's person; English once they are erased. */
  private async localeOf(row: SurveyRow): Promise<Locale> {
    const userId = (await this.profiles.accountsOf([row.profileId])).get(row.profileId);
    const locale =
      userId === undefined || userId === null
        ? undefined
        : (await this.accounts.contactsOf([userId])).get(userId)?.locale;
    return locale !== undefined && isLocale(locale) ? locale : DEFAULT_LOCALE;
  }

  private check(input: Record<string, unknown>) {
    const result = checkSurveyAnswer(input);
    if (!result.ok) throw new InputValidationError(result.errors);
    return result.answer;
  }

  private assertOpen(row: SurveyRow): void {
    if (row.answeredAt !== null) throw new SurveyAlreadyAnsweredError(row.answeredAt);
    const expiresAt = row.expiresAt as Date;
    if (this.clock.now() >= expiresAt) throw new SurveyExpiredError(expiresAt);
  }

  private async save(
    manager: EntityManager,
    row: SurveyRow,
    answer: ReturnType<SurveysService['check']>,
    via: 'link' | 'account',
  ): Promise<void> {
    this.assertOpen(row);
    const saved = await this.surveys.saveAnswer(manager, row.id, answer, {
      at: this.clock.now(),
      via,
    });
    if (!saved) throw new SurveyAlreadyAnsweredError(this.clock.now());
  }
}

function questionsOf(t: SurveyTexts): SurveyQuestionDto[] {
  return [
    {
      field: 'status',
      text: t.statusQuestion,
      type: 'choice',
      required: true,
      options: WORK_STATUSES.map((value) => ({ value, label: t.statuses[value] })),
    },
    {
      field: 'monthlyIncomeEur',
      text: t.incomeQuestion,
      type: 'number',
      required: false,
      min: 0,
      max: ANSWER_BOUNDS.incomeMax,
    },
    {
      field: 'hoursPerWeek',
      text: t.hoursQuestion,
      type: 'number',
      required: false,
      min: 0,
      max: ANSWER_BOUNDS.hoursMax,
    },
    {
      field: 'sector',
      text: t.sectorQuestion,
      type: 'choice',
      required: false,
      options: SECTORS.map((value) => ({ value, label: t.sectors[value] })),
    },
    { field: 'sameEngagement', text: t.sameQuestion, type: 'yes_no', required: false },
  ];
}

function toOwnSurvey(r: SurveyRow, now: Date): OwnSurveyDto {
  const state =
    r.answeredAt !== null
      ? 'answered'
      : r.expiresAt !== null && now >= r.expiresAt
        ? 'expired'
        : 'open';
  return {
    id: r.id,
    trigger: r.triggerKind,
    followUp: r.followUp,
    offset: r.offset,
    state,
    triggeredAt: r.triggeredAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answer:
      r.status === null
        ? null
        : {
            status: r.status,
            monthlyIncomeEur: r.monthlyIncomeEur,
            hoursPerWeek: r.hoursPerWeek,
            sector: r.sector,
            sameEngagement: r.sameEngagement,
          },
  };
}
