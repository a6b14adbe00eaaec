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
  'search.alert.title': '{count} new for your saved search "{name}"',
  'search.alert.body': 'New since the last check:\n\n{items}',
  'search.alert.more': '…and {count} more',
  'kind.account.security': 'Your account security settings changed',
  'kind.listing.review': 'A listing was flagged and waits for your review',
  'kindBody.application.received':
    'A trainee applied to “{opportunity}”. Open Talentbridge to see how they fit and to answer.',
  'kindBody.match.invited':
    'You are invited to “{opportunity}”. Open Talentbridge to accept or decline the invitation.',
  'kindBody.match.accepted': 'The trainee accepted the invitation to “{opportunity}”.',
  'kindBody.match.declined': 'The trainee declined the invitation to “{opportunity}”.',
  'kindBody.match.rejected':
    'Your application to “{opportunity}” was not taken further. Other opportunities are waiting for you on Talentbridge.',
  'kindBody.match.hired': 'You have been hired for “{opportunity}”. Congratulations!',
  'kindBody.match.completed':
    'The engagement “{opportunity}” was marked completed. You can now rate it on Talentbridge.',
  'kindBody.match.cancelled': 'The match for “{opportunity}” was cancelled.',
  'kindBody.certificate.issued':
    'Your certificate is ready. Open Talentbridge to see it and share its verification link.',
  'kindBody.survey.due': 'Please tell us how you are doing: the survey takes two minutes.',
  'kindBody.search.alert': 'New results match your saved search. Open Talentbridge to see them.',
  'kindBody.account.security': 'If you did not do this, reset your password at once.',
  'kindBody.listing.review':
    'Trainees flagged a listing of your organisation. It stays hidden until a broker reviews it.',
  'digest.subject': 'Your Talentbridge summary: {count} new notifications',
  'digest.body': 'Here is what happened since your last summary:\n\n{items}',
  'digest.action': 'Open your notifications',
  'page.reset.title': 'Choose a new password',
  'page.reset.intro':
    'Enter the new password for your Talentbridge account. Every signed-in session will end.',
  'page.reset.password': 'New password (at least 12 characters)',
  'page.reset.submit': 'Save the new password',
  'page.reset.done': 'Your password is changed. You can sign in with it now.',
  'page.reset.failed': 'The password was not changed:',
  'page.verify.done': 'Your e-mail address is confirmed. You can close this page.',
  'page.linkInvalid': 'This link is invalid, was already used or has expired. Ask for a new one.',
} as const;

export type CatalogueKey = keyof typeof en;
