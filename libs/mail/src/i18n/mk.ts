import type { CatalogueKey } from './en.js';

/** Macedonian. */
export const mk: Record<CatalogueKey, string> = {
  'layout.greeting': 'Здраво {name},',
  'layout.greetingAnonymous': 'Здраво,',
  'layout.signature': 'Talentbridge',
  'layout.unsubscribe': 'Не испраќајте ми вакви пораки',
  'layout.transactional':
    'Ја добивате оваа порака поради активност на вашата сметка на Talentbridge.',
  'verifyEmail.subject': 'Потврдете ја вашата адреса за е-пошта',
  'verifyEmail.body':
    'Ве молиме потврдете дека ова е вашата адреса за е-пошта со отворање на врската подолу. Врската работи еднаш и важи 7 дена.',
  'verifyEmail.action': 'Потврди ја адресата за е-пошта',
  'passwordReset.subject': 'Промена на лозинката за Talentbridge',
  'passwordReset.body':
    'Некој побара промена на лозинката на вашата сметка на Talentbridge. Ако сте тоа вие, отворете ја врската подолу во рок од 60 минути и изберете нова лозинка. Ако не сте вие, занемарете ја оваа порака: вашата лозинка останува иста.',
  'passwordReset.action': 'Изберете нова лозинка',
};
