import { describe, expect, it } from '@jest/globals';
import { escapeHtml, renderMail } from './mail-render.js';

describe('renderMail', () => {
  it('escapes user text in HTML and keeps it verbatim in plain text', () => {
    const mail = renderMail({
      template: 'passwordReset',
      locale: 'en',
      recipientName: '<script>alert("x")</script>',
      actionUrl: 'https://tb.example/reset?token=a"b',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('href="https://tb.example/reset?token=a&quot;b"');
    expect(mail.text).toContain('Hello <script>alert("x")</script>,');
    expect(mail.subject).toBe('Reset your Talentbridge password');
  });

  it('greets without a name when there is none, in the recipient language', () => {
    expect(renderMail({ template: 'verifyEmail', locale: 'mk' }).text).toMatch(/^Здраво,/);
  });

  it('explains a transactional message, and links the unsubscribe URL otherwise', () => {
    const transactional = renderMail({ template: 'verifyEmail', locale: 'en' });
    expect(transactional.text).toContain('because of an action on your Talentbridge account');
    const optional = renderMail({
      template: 'verifyEmail',
      locale: 'en',
      unsubscribeUrl: 'https://tb.example/u?token=t',
    });
    expect(optional.text).toContain('Stop e-mails like this one: https://tb.example/u?token=t');
    expect(optional.html).toContain('<a href="https://tb.example/u?token=t">');
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
