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
  'notification.subject': '{title}',
  'notification.body': '{body}',
  'notification.action': 'Отворете Talentbridge',
  'notification.details': 'Отворете Talentbridge за да ги видите деталите.',
  'unsubscribe.done':
    'Повеќе нема да ги добивате овие пораки. Можете повторно да ги вклучите во поставките за известувања.',
  'kind.application.received': 'Добивте нова пријава',
  'kind.match.invited': 'Поканети сте за можност за работа',
  'kind.match.accepted': 'Поканата е прифатена',
  'kind.match.declined': 'Поканата е одбиена',
  'kind.match.rejected': 'Пријавата не продолжи понатаму',
  'kind.match.hired': 'Вработени сте',
  'kind.match.completed': 'Ангажманот е завршен',
  'kind.match.cancelled': 'Поврзувањето е откажано',
  'kind.certificate.issued': 'Добивте сертификат',
  'kind.survey.due': 'Ве чека кратка анкета',
  'kind.search.alert': 'Нови резултати за вашето зачувано пребарување',
  'search.alert.title': 'Ново за вашето зачувано пребарување "{name}": {count}',
  'search.alert.body': 'Ново од последната проверка:\n\n{items}',
  'search.alert.more': '…и уште {count}',
  'kind.account.security': 'Безбедносните поставки на вашата сметка се променети',
  'kind.listing.review': 'Оглас е пријавен и чека ваш преглед',
};
