import { describe, expect, it } from '@jest/globals';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { firstValueFrom, from } from 'rxjs';
import {
  AnswerLocaleInterceptor,
  answerLocale,
  inAnswerLocale,
  localeOfRequest,
} from './answer-locale.js';

describe('localeOfRequest', () => {
  it('takes ?lang= first, then Accept-Language, then the account, then English', () => {
    const user = { locale: 'mk' };
    expect(
      localeOfRequest({ query: { lang: 'bs' }, headers: { 'accept-language': 'sq' }, user }),
    ).toBe('bs');
    expect(localeOfRequest({ query: {}, headers: { 'accept-language': 'sq' }, user })).toBe('sq');
    expect(localeOfRequest({ query: {}, headers: {}, user })).toBe('mk');
    expect(localeOfRequest({ query: {}, headers: { 'accept-language': 'de, fr' }, user })).toBe(
      'mk',
    );
    expect(localeOfRequest({ query: {}, headers: {} })).toBe('en');
  });

  it('ignores a lang that is not a product locale and reads sr-Cyrl accounts as such', () => {
    expect(localeOfRequest({ query: { lang: 'xx' }, headers: {} })).toBe('en');
    expect(localeOfRequest({ query: { lang: ['sq'] }, headers: {} })).toBe('en');
    expect(localeOfRequest({ headers: {}, user: { locale: 'sr-Cyrl' } })).toBe('sr-Cyrl');
  });
});

describe('answerLocale', () => {
  it('is English outside a request and the given locale inside one', async () => {
    expect(answerLocale()).toBe('en');
    expect(inAnswerLocale('sq', () => answerLocale())).toBe('sq');
    const later = await inAnswerLocale('sr-Cyrl', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return answerLocale();
    });
    expect(later).toBe('sr-Cyrl');
    expect(answerLocale()).toBe('en');
  });

  it("runs an HTTP handler in its caller's language", async () => {
    const request = { query: {}, headers: { 'accept-language': 'mk' } };
    const context = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    const handler: CallHandler = {
      handle: () => from(Promise.resolve().then(() => answerLocale())),
    };
    const seen = await firstValueFrom(new AnswerLocaleInterceptor().intercept(context, handler));
    expect(seen).toBe('mk');
  });
});
