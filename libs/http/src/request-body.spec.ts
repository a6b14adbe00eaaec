import { describe, expect, it } from '@jest/globals';
import { MAX_BODY_DEPTH, findBodyProblem } from './request-body.js';

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('findBodyProblem', () => {
  it('accepts ordinary bodies, including text in any script', () => {
    expect(findBodyProblem({ displayName: 'Đorđe Ђорђе', skills: [{ level: 3 }] })).toBeUndefined();
    expect(findBodyProblem(undefined)).toBeUndefined();
    expect(findBodyProblem('title,description\na,b')).toBeUndefined();
  });

  it('names the path of a string holding NUL, as validation errors name fields', () => {
    expect(findBodyProblem({ portfolio: [{ title: 'a\u0000b' }] })).toEqual({
      field: 'portfolio[0].title',
      message: 'must not contain NUL characters (U+0000)',
    });
    expect(findBodyProblem([{ title: 'ok' }, { title: '\u0000' }])?.field).toBe('body[1].title');
    expect(findBodyProblem({ ['k\u0000']: 1 })?.field).toBe('k\u0000');
    expect(findBodyProblem('a,b\n\u0000,c')?.field).toBe('body');
  });

  it(`allows ${MAX_BODY_DEPTH} levels of nesting and refuses one more`, () => {
    expect(findBodyProblem(nested(MAX_BODY_DEPTH))).toBeUndefined();
    expect(findBodyProblem(nested(MAX_BODY_DEPTH + 1))).toEqual({
      field: 'body',
      message: `must not nest deeper than ${MAX_BODY_DEPTH} levels`,
    });
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(findBodyProblem(nested(100_000))?.field).toBe('body');
  });
});
