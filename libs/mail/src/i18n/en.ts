/** English: the reference catalogue; every other locale has exactly these keys. */
export const en = {
  'layout.greeting': 'Hello {name},',
  'layout.greetingAnonymous': 'Hello,',
  'layout.signature': 'Talentbridge',
  'layout.unsubscribe': 'Stop e-mails like this one',
  'layout.transactional':
    'You receive this e-mail because of an action on your Talentbridge account.',
  'verifyEmail.subject': 'Confirm your e-mail address',
  'verifyEmail.body':
    'Please confirm that this is your e-mail address by opening the link below. The link works once and for 7 days.',
  'verifyEmail.action': 'Confirm e-mail address',
  'passwordReset.subject': 'Reset your Talentbridge password',
  'passwordReset.body':
    'Someone asked to reset the password of your Talentbridge account. If it was you, open the link below within 60 minutes to choose a new password. If it was not you, ignore this e-mail: your password stays as it is.',
  'passwordReset.action': 'Choose a new password',
} as const;

export type CatalogueKey = keyof typeof en;
