import { describe, expect, it } from '@jest/globals';
import { decideEnrolmentOutcome } from './enrolment-rules.js';

describe('enrolment outcomes', () => {
  it.each([
    ['enrolled', 'completed', 'apply'],
    ['enrolled', 'dropped', 'apply'],
    ['completed', 'completed', 'repeat'],
    ['dropped', 'dropped', 'repeat'],
    ['completed', 'dropped', 'conflict'],
    ['dropped', 'completed', 'conflict'],
  ] as const)('%s + %s → %s', (current, outcome, expected) => {
    expect(decideEnrolmentOutcome(current, outcome)).toBe(expected);
  });
});
