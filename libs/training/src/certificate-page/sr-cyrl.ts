import type { CertificatePageMessages } from './messages.js';

/** Serbian, Cyrillic script. */
export const srCyrl: CertificatePageMessages = {
  tag: 'sr-Cyrl',
  title: 'Провера сертификата',
  valid: 'Важећи сертификат',
  validNote: 'Издао: {provider}. Није опозван.',
  revoked: 'Опозван сертификат',
  revokedNote: 'Опозван {date} Више не потврђује ове вештине.',
  notFound: 'Сертификат није пронађен',
  notFoundNote: 'Ниједан сертификат нема овај код. Проверите линк или затражите нови од власника.',
  holder: 'Власник',
  course: 'Курс',
  provider: 'Пружалац обуке',
  programme: 'Програм',
  issued: 'Издат',
  hours: '{hours} часова',
  skills: 'Потврђене вештине',
  level: 'ниво {level} од 5',
  code: 'Код сертификата',
};
