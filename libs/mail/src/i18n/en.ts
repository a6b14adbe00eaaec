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
} as const;

export type CatalogueKey = keyof typeof en;
