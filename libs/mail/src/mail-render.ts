import { translate, type CatalogueKey } from './catalogue.js';
import type { Locale } from './locales.js';

/** The messages Talentbridge writes; each has `<template>.subject`, `.body` and `.action`. */
export const MAIL_TEMPLATES = [
  'verifyEmail',
  'passwordReset',
  'notification',
  'surveyDue',
  'surveyReminder',
  'digest',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface MailContent {
  template: MailTemplate;
  locale: Locale;
  /** Values for the placeholders of the template's texts (user text: escaped in HTML). */
  params?: Readonly<Record<string, string>>;
  /** The recipient's name for the greeting; none: a greeting without a name. */
  recipientName?: string | null;
  /** The link the message is about (its button). */
  actionUrl?: string;
  /** One-click unsubscribe link; none: a transactional message (says why it was sent). */
  unsubscribeUrl?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Plain text plus a simple HTML version of one message, in the recipient's language. */
export function renderMail(content: MailContent): RenderedMail {
  const { locale, template } = content;
  const params = content.params ?? {};
  const t = (key: CatalogueKey, extra: Record<string, string> = {}): string =>
    translate(locale, key, { ...params, ...extra });
  const name = content.recipientName?.trim();
  const greeting =
    name === undefined || name === ''
      ? t('layout.greetingAnonymous')
      : t('layout.greeting', { name });
  const subject = t(`${template}.subject`);
  const paragraphs = t(`${template}.body`).split(/\n{2,}/);
  const action = t(`${template}.action`);
  const footer =
    content.unsubscribeUrl === undefined
      ? t('layout.transactional')
      : `${t('layout.unsubscribe')}: ${content.unsubscribeUrl}`;

  const text = [
    greeting,
    ...paragraphs,
    ...(content.actionUrl === undefined ? [] : [`${action}: ${content.actionUrl}`]),
    `— ${t('layout.signature')}`,
    footer,
  ].join('\n\n');

  const link = (url: string, label: string): string =>
    `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
    ...(content.actionUrl === undefined
      ? []
      : [`<p><strong>${link(content.actionUrl, action)}</strong></p>`]),
    `<p>— ${escapeHtml(t('layout.signature'))}</p>`,
    `<p style="font-size:small;color:#555">${
      content.unsubscribeUrl === undefined
        ? escapeHtml(t('layout.transactional'))
        : link(content.unsubscribeUrl, t('layout.unsubscribe'))
    }</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}
