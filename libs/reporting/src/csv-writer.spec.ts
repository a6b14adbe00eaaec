import { csvField, writeCsv } from './csv-writer.js';

describe('csvField', () => {
  it('writes plain text and numbers as they are', () => {
    expect(csvField('female')).toBe('female');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0)).toBe('0');
  });

  it('leaves empty cells empty', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('quotes commas, quotes, CR and LF, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('30+')).toBe('30+');
  });
});

describe('writeCsv', () => {
  it('writes a header row and the rows, every line ended by CRLF', () => {
    expect(
      writeCsv(
        ['sex', 'registered'],
        [
          ['female', 7],
          ['total', null],
        ],
      ),
    ).toBe('sex,registered\r\nfemale,7\r\ntotal,\r\n');
  });
});
