import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { DomainError, findBodyProblem, InputValidationError } from '@app/http';
import { urlencoded, type Request, type Response } from 'express';
import type { Observable } from 'rxjs';

/** A filled-in survey form is a few hundred bytes. */
const FORM_LIMIT = 16 * 1024;
const parser = urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 20 });

/**
 * Reads the survey page's form (`application/x-www-form-urlencoded`), which the app's JSON
 * parser leaves alone, with the same NUL check as every other body.
 */
@Injectable()
export class SurveyFormBodyInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (!req.is('application/x-www-form-urlencoded')) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        415,
        'The survey page posts application/x-www-form-urlencoded; JSON clients use POST /api/surveys/:token',
      );
    }
    await new Promise<void>((resolve, reject) =>
      parser(req, res, (error?: unknown) => (error === undefined ? resolve() : reject(error))),
    );
    const problem = findBodyProblem(req.body);
    if (problem !== undefined) throw new InputValidationError([problem]);
    return next.handle();
  }
}
