export * from './catalogue.js';
export * from './locales.js';
export * from './mail-outbox.js';
export * from './mail-relay.js';
export {
  MAIL_TEMPLATES,
  escapeHtml,
  renderMail,
  type MailTemplate,
  type RenderedMail,
} from './mail-render.js';
export * from './mail.module.js';
