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
  'unsubscribe.done':
    'Повеќе нема да ги добивате овие пораки. Можете повторно да ги вклучите во поставките за известувања.',
  'surveyDue.subject': 'Дали сега имате платена работа? Прашање од една минута',
  'surveyDue.body':
    'Пред некое време завршивте обука или почнавте да работите преку платформата Talentbridge. Ве молиме кажете ни дали сега имате платена работа и колку приближно заработувате. Трае една минута и не треба да се најавувате.\n\nВашиот одговор се брои само во анонимни збирови, никогаш со вашето име, и ѝ помага на програмата да продолжи да обучува луѓе. Врската работи еднаш и важи 30 дена.',
  'surveyDue.action': 'Одговорете на прашањата',
  'surveyReminder.subject': 'Потсетник: една минута за вашата работа',
  'surveyReminder.body':
    'Пред една недела ви поставивме неколку кратки прашања за вашата работа. Ако сè уште не сте одговориле, ве молиме направете го тоа сега: трае една минута, не треба да се најавувате, а врската важи уште околу три недели.',
  'surveyReminder.action': 'Одговорете на прашањата',
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
  'kindBody.application.received':
    'Кандидат се пријави за „{opportunity}“. Отворете Talentbridge за да видите колку одговара и да одговорите.',
  'kindBody.match.invited':
    'Поканети сте за „{opportunity}“. Отворете Talentbridge за да ја прифатите или одбиете поканата.',
  'kindBody.match.accepted': 'Кандидатот ја прифати поканата за „{opportunity}“.',
  'kindBody.match.declined': 'Кандидатот ја одби поканата за „{opportunity}“.',
  'kindBody.match.rejected':
    'Вашата пријава за „{opportunity}“ не продолжи понатаму. Други можности ве чекаат на Talentbridge.',
  'kindBody.match.hired': 'Вработени сте за „{opportunity}“. Честитки!',
  'kindBody.match.completed':
    'Ангажманот „{opportunity}“ е означен како завршен. Сега можете да го оцените на Talentbridge.',
  'kindBody.match.cancelled': 'Поврзувањето за „{opportunity}“ е откажано.',
  'kindBody.certificate.issued':
    'Вашиот сертификат е подготвен. Отворете Talentbridge за да го видите и да ја споделите врската за проверка.',
  'kindBody.survey.due': 'Кажете ни како сте: анкетата трае две минути.',
  'kindBody.search.alert':
    'Нови резултати одговараат на вашето зачувано пребарување. Отворете Talentbridge за да ги видите.',
  'kindBody.account.security': 'Ако не сте го направиле ова вие, веднаш сменете ја лозинката.',
  'kindBody.listing.review':
    'Кандидати пријавија оглас на вашата организација. Останува скриен додека посредник не го прегледа.',
  'digest.subject': 'Вашиот преглед од Talentbridge: {count} нови известувања',
  'digest.body': 'Еве што се случи од вашиот последен преглед:\n\n{items}',
  'digest.action': 'Отворете ги вашите известувања',
  'page.reset.title': 'Изберете нова лозинка',
  'page.reset.intro':
    'Внесете нова лозинка за вашата Talentbridge сметка. Сите отворени сесии ќе бидат затворени.',
  'page.reset.password': 'Нова лозинка (најмалку 12 знаци)',
  'page.reset.submit': 'Зачувај ја новата лозинка',
  'page.reset.done': 'Вашата лозинка е сменета. Сега можете да се најавите со неа.',
  'page.reset.failed': 'Лозинката не е сменета:',
  'page.verify.done': 'Вашата адреса на е-пошта е потврдена. Можете да ја затворите оваа страница.',
  'page.linkInvalid': 'Оваа врска е неважечка, веќе е искористена или истекла. Побарајте нова.',
};
