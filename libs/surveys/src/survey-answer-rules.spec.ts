import { describe, expect, it } from '@jest/globals';
import { answerFromForm, checkSurveyAnswer } from './survey-answer-rules.js';

const fields = (input: Record<string, unknown>) => {
  const result = checkSurveyAnswer(input);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe('survey answer rules', () => {
  it('takes a full working answer and a bare non-working one', () => {
    expect(
      checkSurveyAnswer({
        status: 'freelance',
        monthlyIncomeEur: 850.5,
        hoursPerWeek: 30,
        sector: 'ict',
        sameEngagement: true,
      }).ok,
    ).toBe(true);
    expect(checkSurveyAnswer({ status: 'not_working' }).ok).toBe(true);
    expect(checkSurveyAnswer({ status: 'in_training', hoursPerWeek: 0 }).ok).toBe(true);
  });

  it('names each bad field', () => {
    expect(fields({})).toEqual(['status']);
    expect(fields({ status: 'retired' })).toEqual(['status']);
    expect(fields({ status: 'employed', monthlyIncomeEur: 100000.01 })).toEqual([
      'monthlyIncomeEur',
    ]);
    expect(fields({ status: 'employed', monthlyIncomeEur: -1 })).toEqual(['monthlyIncomeEur']);
    expect(fields({ status: 'employed', monthlyIncomeEur: 12.345 })).toEqual(['monthlyIncomeEur']);
    expect(fields({ status: 'employed', monthlyIncomeEur: '900' })).toEqual(['monthlyIncomeEur']);
    expect(fields({ status: 'employed', hoursPerWeek: 169 })).toEqual(['hoursPerWeek']);
    expect(fields({ status: 'employed', sector: 'farming' })).toEqual(['sector']);
    expect(fields({ status: 'employed', sameEngagement: 'yes' })).toEqual(['sameEngagement']);
    expect(fields({ status: 'employed', salary: 3 })).toEqual(['salary']);
  });

  it('refuses an income without a working status', () => {
    expect(fields({ status: 'not_working', monthlyIncomeEur: 300 })).toEqual(['monthlyIncomeEur']);
    expect(fields({ status: 'in_training', monthlyIncomeEur: 0 })).toEqual(['monthlyIncomeEur']);
    expect(fields({ status: 'self_employed', monthlyIncomeEur: 0 })).toEqual([]);
  });

  it('reads the form: empty fields left out, decimal commas, yes and no', () => {
    expect(
      answerFromForm({
        status: 'employed',
        monthlyIncomeEur: '1 250,50',
        hoursPerWeek: '',
        sector: 'bpo',
        sameEngagement: 'no',
      }),
    ).toEqual({
      status: 'employed',
      monthlyIncomeEur: 1250.5,
      sector: 'bpo',
      sameEngagement: false,
    });
    expect(fields(answerFromForm({ status: 'employed', monthlyIncomeEur: 'a lot' }))).toEqual([
      'monthlyIncomeEur',
    ]);
  });
});
