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
  'notification.subject': '{title}',
  'notification.body': '{body}',
  'notification.action': 'Open Talentbridge',
  'notification.details': 'Open Talentbridge to see the details.',
  'unsubscribe.done':
    'You will no longer receive these e-mails. You can turn them on again in your notification settings.',
  'surveyDue.subject': 'Do you have paid work now? A one-minute question',
  'surveyDue.body':
    'Some time ago you finished a training or started a job through Talentbridge. Please tell us whether you have paid work now and about how much you earn. It takes one minute and you do not need to sign in.\n\nYour answer is counted only in anonymous totals, never with your name, and helps the programme keep training people. The link works once and for 30 days.',
  'surveyDue.action': 'Answer the questions',
  'surveyReminder.subject': 'Reminder: one minute about your work',
  'surveyReminder.body':
    'A week ago we asked you a few short questions about your work. If you have not answered yet, please do it now: it takes one minute, you do not need to sign in, and the link still works for about three weeks.',
  'surveyReminder.action': 'Answer the questions',
  'kind.application.received': 'You received a new application',
  'kind.match.invited': 'You have been invited to an opportunity',
  'kind.match.accepted': 'The invitation was accepted',
  'kind.match.declined': 'The invitation was declined',
  'kind.match.rejected': 'An application was not taken further',
  'kind.match.hired': 'You have been hired',
  'kind.match.completed': 'An engagement was completed',
  'kind.match.cancelled': 'A match was cancelled',
  'kind.certificate.issued': 'You received a certificate',
  'kind.survey.due': 'A short follow-up survey is waiting for you',
  'kind.search.alert': 'New results for your saved search',
  'kind.account.security': 'Your account security settings changed',
  'kind.listing.review': 'A listing was flagged and waits for your review',
} as const;

export type CatalogueKey = keyof typeof en;
