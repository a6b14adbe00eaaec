import { describe, expect, it } from '@jest/globals';
import { certifiedLevels } from './certified-skills.js';

describe('certifiedLevels', () => {
  it('is empty without certificates', () => {
    expect(certifiedLevels([])).toEqual([]);
    expect(certifiedLevels([[]])).toEqual([]);
  });

  it('keeps the highest level per skill across certificates', () => {
    expect(
      certifiedLevels([
        [
          { skillId: 'b', level: 2 },
          { skillId: 'a', level: 3 },
        ],
        [
          { skillId: 'b', level: 4 },
          { skillId: 'c', level: 1 },
        ],
        [{ skillId: 'b', level: 3 }],
      ]),
    ).toEqual([
      { skillId: 'a', level: 3 },
      { skillId: 'b', level: 4 },
      { skillId: 'c', level: 1 },
    ]);
  });

  it('drops what only a removed certificate backed', () => {
    const first = [{ skillId: 'a', level: 2 }];
    const second = [
      { skillId: 'a', level: 4 },
      { skillId: 'b', level: 3 },
    ];
    expect(certifiedLevels([first, second])).toEqual(second);
    expect(certifiedLevels([first])).toEqual(first);
  });
});
