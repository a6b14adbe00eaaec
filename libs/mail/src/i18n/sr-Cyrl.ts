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
};
