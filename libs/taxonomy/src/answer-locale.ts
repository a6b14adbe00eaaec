import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { isSkillLocale, localeOfTag, pickLocale, type SkillLocale } from './label-locale.js';

const answerLocales = new AsyncLocalStorage<SkillLocale>();

/**
 * The language the current HTTP answer names skills in (see {@link AnswerLocaleInterceptor});
 * English outside a request (the worker, search documents, e-mails rendered by their own locale).
 */
export function answerLocale(): SkillLocale {
  return answerLocales.getStore() ?? 'en';
}

/** Runs `fn` as an answer in `locale` (the interceptor does this for every request). */
export function inAnswerLocale<T>(locale: SkillLocale, fn: () => T): T {
  return answerLocales.run(locale, fn);
}

interface LocaleRequest {
  query?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
  user?: { locale?: string };
}

/**
 * The caller's language: `?lang=` where the route takes it, else `Accept-Language` (the same
 * reading as `GET /api/skills`), else the signed-in account's `locale`, else English.
 */
export function localeOfRequest(request: LocaleRequest): SkillLocale {
  const lang = request.query?.lang;
  const header = request.headers?.['accept-language'];
  const own = request.user?.locale;
  return pickLocale(
    isSkillLocale(lang) ? lang : undefined,
    Array.isArray(header) ? header.join(',') : header,
    own === undefined ? 'en' : (localeOfTag(own) ?? 'en'),
  );
}

/**
 * Global (APP_INTERCEPTOR of TaxonomyModule): runs every HTTP handler in its caller's language,
 * so that `TaxonomyService.answerSkillNames` names skills in it without each route passing the
 * language down. Interceptors run after the guards, so the signed-in caller is known here.
 */
@Injectable()
export class AnswerLocaleInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const locale = localeOfRequest(context.switchToHttp().getRequest<LocaleRequest>());
    // Nest binds the handler's async scope when `handle()` is called, so it runs in `locale`.
    return inAnswerLocale(locale, () => next.handle());
  }
}
