import { beforeAll, describe, expect, it } from '@jest/globals';
import { BadRequestException, ForbiddenException, Logger } from '@nestjs/common';
import { ConflictError, InputValidationError, ServiceUnavailableError } from './domain-error.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';

describe('ProblemDetailsFilter.toProblem', () => {
  const filter = new ProblemDetailsFilter();

  beforeAll(() => Logger.overrideLogger(false));

  it('maps domain errors with their code and extensions', () => {
    const problem = filter.toProblem(
      new ConflictError('ILLEGAL_TRANSITION', 'cannot go there', { allowed: ['hired'] }),
    );
    expect(problem).toMatchObject({
      status: 409,
      title: 'Conflict',
      code: 'ILLEGAL_TRANSITION',
      detail: 'cannot go there',
      allowed: ['hired'],
    });
    expect(problem.type).toContain('illegal-transition');
  });

  it('keeps field errors of validation failures', () => {
    const problem = filter.toProblem(
      new InputValidationError([{ field: 'email', message: 'bad' }]),
    );
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'email', message: 'bad' }] });
  });

  it('maps Nest HTTP exceptions', () => {
    expect(filter.toProblem(new ForbiddenException())).toMatchObject({
      status: 403,
      title: 'Forbidden',
      type: 'about:blank',
    });
    expect(filter.toProblem(new BadRequestException(['a', 'b'])).detail).toBe('a; b');
  });

  it('hides unknown errors behind an error id', () => {
    const problem = filter.toProblem(new Error('password=hunter2 at db.ts:12'));
    expect(problem.status).toBe(500);
    expect(problem.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('maps errors a translator recognises, and only those', () => {
    const unreachable = new Error('connect ECONNREFUSED 10.0.0.7:7700');
    const translating = new ProblemDetailsFilter([
      (e) =>
        e === unreachable ? new ServiceUnavailableError('ENGINE_DOWN', 'try later') : undefined,
    ]);
    const problem = translating.toProblem(translating.translate(unreachable));
    expect(problem).toMatchObject({ status: 503, code: 'ENGINE_DOWN', detail: 'try later' });
    expect(JSON.stringify(problem)).not.toContain('10.0.0.7');
    expect(translating.toProblem(translating.translate(new Error('other'))).status).toBe(500);
  });
});
