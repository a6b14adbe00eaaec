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
  'notification.details': 'Отворите Talentbridge да видите детаље.',
  'unsubscribe.done':
    'Више нећете добијати ове поруке. Можете их поново укључити у подешавањима обавештења.',
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
};
