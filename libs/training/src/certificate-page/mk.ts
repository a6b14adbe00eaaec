import type { CertificatePageMessages } from './messages.js';

export const mk: CertificatePageMessages = {
  tag: 'mk',
  title: 'Проверка на сертификат',
  valid: 'Важечки сертификат',
  validNote: 'Издаден од {provider}. Не е отповикан.',
  revoked: 'Отповикан сертификат',
  revokedNote: 'Отповикан на {date}. Повеќе не ги потврдува овие вештини.',
  notFound: 'Сертификатот не е пронајден',
  notFoundNote:
    'Ниеден сертификат нема ваков код. Проверете ја врската или побарајте нов од сопственикот.',
  holder: 'Сопственик',
  course: 'Курс',
  provider: 'Давател на обука',
  programme: 'Програма',
  issued: 'Издаден на',
  hours: '{hours} часа',
  skills: 'Потврдени вештини',
  level: 'ниво {level} од 5',
  code: 'Код на сертификатот',
};
