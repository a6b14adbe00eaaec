import { describe, expect, it } from '@jest/globals';
import { preparedStatement } from './prepared-statements.js';

describe('preparedStatement', () => {
  it('lets a name stand for one text only', () => {
    const a = preparedStatement('spec_one_text', 'SELECT 1');
    expect(preparedStatement('spec_one_text', 'SELECT 1')).toEqual(a);
    expect(() => preparedStatement('spec_one_text', 'SELECT 2')).toThrow(/spec_one_text/);
  });
});
