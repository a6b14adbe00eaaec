import { describe, expect, it } from '@jest/globals';
import { InputValidationError } from '@app/http';
import { parseImportRow, readCsvRows, readJsonRows } from './listing-import-rows.js';

const HEADER =
  'title,description,skills,source,sourceUrl,clientCountry,engagementType,workMode,countries,languages,hoursPerWeek,durationWeeks,budgetType,budgetMinEur,budgetMaxEur,openings,deadline';

const csv = (...rows: string[]): string => [HEADER, ...rows].join('\n');

const GOOD =
  'QA tester,"Write tests, run them",Selenium;Jenkins,upwork,https://www.upwork.com/jobs/~1,DE,freelance,remote,XK;AL,en:B2;de:B1,20,12,hourly,10,18,2,2099-01-31';

describe('readCsvRows', () => {
  it('reads rows numbered from 1 with quoted fields', () => {
    const rows = readCsvRows(csv(GOOD, ''));
    expect(rows).toHaveLength(1);
    expect(rows[0].row).toBe(1);
    expect(rows[0].values.description).toBe('Write tests, run them');
  });

  it('refuses unknown and missing columns for the whole file', () => {
    expect(() => readCsvRows('title,sourceURL\nx,y')).toThrow(InputValidationError);
    try {
      readCsvRows('title,sourceURL\nx,y');
    } catch (e) {
      const messages = (e as InputValidationError).errors.map((x) => x.message);
      expect(messages).toEqual(
        expect.arrayContaining(['unknown column "sourceURL"', 'missing column "skills"']),
      );
    }
  });

  it('marks a row with the wrong field count as its own problem', () => {
    const rows = readCsvRows(csv(GOOD, 'only,three,fields'));
    expect(rows[1].problem?.field).toBe('row');
    expect(parseImportRow(rows[0]).ok).toBe(true);
  });

  it('refuses broken CSV naming the body', () => {
    expect(() => readCsvRows(`${HEADER}\n"unclosed,quote`)).toThrow(InputValidationError);
  });
});

describe('parseImportRow', () => {
  it('turns a good row into a listing with its skill labels', () => {
    const outcome = parseImportRow(readCsvRows(csv(GOOD))[0]);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.row.skillLabels).toEqual(['Selenium', 'Jenkins']);
    expect(outcome.row.listing).toMatchObject({
      title: 'QA tester',
      source: 'upwork',
      countries: ['XK', 'AL'],
      languages: [
        { code: 'en', minLevel: 'B2' },
        { code: 'de', minLevel: 'B1' },
      ],
      hoursPerWeek: 20,
      budget: { type: 'hourly', minEur: 10, maxEur: 18 },
      openings: 2,
      deadline: '2099-01-31T23:59:59Z',
    });
  });

  it.each([
    ['sourceUrl', { sourceUrl: 'ftp://example.com/x' }],
    ['sourceUrl', { sourceUrl: 'javascript:alert(1)' }],
    ['source', { source: 'craigslist' }],
    ['languages', { languages: 'english' }],
    ['countries', { countries: 'Kosovo' }],
    ['hoursPerWeek', { hoursPerWeek: 'lots' }],
    ['hoursPerWeek', { hoursPerWeek: '81' }],
    ['budgetMaxEur', { budgetMinEur: '20', budgetMaxEur: '10' }],
    ['budgetType', { budgetType: '', budgetMinEur: '5' }],
    ['budgetType', { budgetType: 'weekly' }],
    ['deadline', { deadline: '2001-01-01' }],
    ['title', { title: 'x' }],
    ['engagementType', { engagementType: 'gig' }],
    ['clientCountry', { clientCountry: 'Germany' }],
  ])('names %s for %j', (field, over) => {
    const raw = readCsvRows(csv(GOOD))[0];
    const outcome = parseImportRow({ ...raw, values: { ...raw.values, ...over } });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => e.field)).toEqual([field]);
  });
});

describe('an empty skills column', () => {
  it.each([[''], [' ; '], ['  ']])(
    'parses %j as no labels (the import then looks for skills in the text)',
    (skills) => {
      const raw = readCsvRows(csv(GOOD))[0];
      const outcome = parseImportRow({ ...raw, values: { ...raw.values, skills } });
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(outcome.row.skillLabels).toEqual([]);
    },
  );

  it('still refuses skills that are not labels', () => {
    const [raw] = readJsonRows([
      {
        title: 'Data entry',
        description: 'Type invoices',
        skills: [1, 2],
        source: 'freelancer',
        sourceUrl: 'https://www.freelancer.com/projects/2',
        engagementType: 'freelance',
        workMode: 'remote',
      },
    ]);
    const outcome = parseImportRow(raw);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors.map((e) => e.field)).toContain('skills');
  });
});

describe('readJsonRows', () => {
  it('accepts arrays for list columns and numbers as numbers', () => {
    const [raw] = readJsonRows([
      {
        title: 'Data entry',
        description: 'Type invoices',
        skills: ['Excel', 'data entry'],
        source: 'freelancer',
        sourceUrl: 'https://www.freelancer.com/projects/1',
        engagementType: 'freelance',
        workMode: 'remote',
        languages: ['en:B1'],
        hoursPerWeek: 10,
      },
    ]);
    const outcome = parseImportRow(raw);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.row.listing.hoursPerWeek).toBe(10);
  });

  it('refuses a body that is not an array, and rows that are not objects or carry unknown keys', () => {
    expect(() => readJsonRows({ rows: [] })).toThrow(InputValidationError);
    const rows = readJsonRows([42, { title: 'x', colour: 'red' }]);
    expect(rows.map((r) => r.problem?.field)).toEqual(['row', 'colour']);
  });
});
