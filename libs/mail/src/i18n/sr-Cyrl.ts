import type { CatalogueKey } from './en.js';

/**
 * Serbian, Cyrillic script: the sr catalogue letter for letter (a unit test transliterates it
 * back with libs/text and compares). The product name stays in Latin.
 */
export const srCyrl: Record<CatalogueKey, string> = {
  'layout.greeting': 'Здраво {name},',
  'layout.greetingAnonymous': 'Здраво,',
  'layout.signature': 'Talentbridge',
  'layout.unsubscribe': 'Не шаљите ми овакве поруке',
  'layout.transactional': 'Ову поруку добијате због радње на вашем Talentbridge налогу.',
  'verifyEmail.subject': 'Потврдите своју адресу е-поште',
  'verifyEmail.body':
    'Молимо вас да потврдите да је ово ваша адреса е-поште отварањем везе испод. Веза ради једном и важи 7 дана.',
  'verifyEmail.action': 'Потврди адресу е-поште',
  'passwordReset.subject': 'Промена лозинке за Talentbridge',
  'passwordReset.body':
    'Неко је затражио промену лозинке вашег Talentbridge налога. Ако сте то били ви, отворите везу испод у року од 60 минута и изаберите нову лозинку. Ако нисте, занемарите ову поруку: ваша лозинка остаје иста.',
  'passwordReset.action': 'Изаберите нову лозинку',
  'notification.subject': '{title}',
  'notification.body': '{body}',
  'notification.action': 'Отворите Talentbridge',
  'unsubscribe.done':
    'Више нећете добијати ове поруке. Можете их поново укључити у подешавањима обавештења.',
  'surveyDue.subject': 'Да ли сада имате плаћен посао? Питање од једног минута',
  'surveyDue.body':
    'Пре неког времена завршили сте обуку или почели да радите преко платформе Talentbridge. Молимо вас да нам кажете да ли сада имате плаћен посао и колико отприлике зарађујете. Траје један минут и не морате да се пријављујете.\n\nВаш одговор се рачуна само у анонимним збировима, никада уз ваше име, и помаже програму да настави да обучава људе. Веза ради једном и важи 30 дана.',
  'surveyDue.action': 'Одговорите на питања',
  'surveyReminder.subject': 'Подсетник: један минут о вашем послу',
  'surveyReminder.body':
    'Пре недељу дана поставили смо вам неколико кратких питања о вашем послу. Ако још нисте одговорили, молимо вас да то урадите сада: траје један минут, не морате да се пријављујете, а веза важи још око три недеље.',
  'surveyReminder.action': 'Одговорите на питања',
  'kind.application.received': 'Добили сте нову пријаву',
  'kind.match.invited': 'Позвани сте на прилику за посао',
  'kind.match.accepted': 'Позив је прихваћен',
  'kind.match.declined': 'Позив је одбијен',
  'kind.match.rejected': 'Пријава није прошла даље',
  'kind.match.hired': 'Запослени сте',
  'kind.match.completed': 'Ангажман је завршен',
  'kind.match.cancelled': 'Повезивање је отказано',
  'kind.certificate.issued': 'Добили сте сертификат',
  'kind.survey.due': 'Чека вас кратка анкета',
  'kind.search.alert': 'Нови резултати за вашу сачувану претрагу',
  'search.alert.title': 'Ново за вашу сачувану претрагу "{name}": {count}',
  'search.alert.body': 'Ново од последње провере:\n\n{items}',
  'search.alert.more': '…и још {count}',
  'kind.account.security': 'Безбедносна подешавања вашег налога су промењена',
  'kind.listing.review': 'Оглас је пријављен и чека ваш преглед',
  'kindBody.application.received':
    'Полазник се пријавио на „{opportunity}“. Отворите Talentbridge да видите колико одговара и да одговорите.',
  'kindBody.match.invited':
    'Позвани сте на „{opportunity}“. Отворите Talentbridge да прихватите или одбијете позив.',
  'kindBody.match.accepted': 'Полазник је прихватио позив на „{opportunity}“.',
  'kindBody.match.declined': 'Полазник је одбио позив на „{opportunity}“.',
  'kindBody.match.rejected':
    'Ваша пријава на „{opportunity}“ није прошла даље. Друге прилике вас чекају на Talentbridge платформи.',
  'kindBody.match.hired': 'Запослени сте на „{opportunity}“. Честитамо!',
  'kindBody.match.completed':
    'Ангажман „{opportunity}“ је означен као завршен. Сада га можете оценити на Talentbridge платформи.',
  'kindBody.match.cancelled': 'Повезивање за „{opportunity}“ је отказано.',
  'kindBody.certificate.issued':
    'Ваш сертификат је спреман. Отворите Talentbridge да га видите и поделите везу за проверу.',
  'kindBody.survey.due': 'Реците нам како сте: анкета траје два минута.',
  'kindBody.search.alert':
    'Нови резултати одговарају вашој сачуваној претрази. Отворите Talentbridge да их видите.',
  'kindBody.account.security': 'Ако то нисте били ви, одмах промените лозинку.',
  'kindBody.listing.review':
    'Полазници су пријавили оглас ваше организације. Остаје скривен док га посредник не прегледа.',
  'digest.subject': 'Ваш преглед са Talentbridge платформе: {count} нових обавештења',
  'digest.body': 'Ево шта се десило од вашег последњег прегледа:\n\n{items}',
  'digest.action': 'Отворите своја обавештења',
  'page.reset.title': 'Изаберите нову лозинку',
  'page.reset.intro':
    'Унесите нову лозинку за свој Talentbridge налог. Све отворене сесије биће затворене.',
  'page.reset.password': 'Нова лозинка (најмање 12 знакова)',
  'page.reset.submit': 'Сачувај нову лозинку',
  'page.reset.done': 'Ваша лозинка је промењена. Сада можете да се пријавите са њом.',
  'page.reset.failed': 'Лозинка није промењена:',
  'page.verify.done': 'Ваша адреса е-поште је потврђена. Можете затворити ову страницу.',
  'page.linkInvalid': 'Ова веза није исправна, већ је искоришћена или је истекла. Затражите нову.',
};
