import type { CertificatePageMessages } from './messages.js';

export const sq: CertificatePageMessages = {
  tag: 'sq',
  title: 'Verifikimi i certifikatës',
  valid: 'Certifikatë e vlefshme',
  validNote: 'Lëshuar nga {provider}. Nuk është anuluar.',
  revoked: 'Certifikatë e anuluar',
  revokedNote: 'Anuluar më {date}. Nuk i vërteton më këto aftësi.',
  notFound: 'Certifikata nuk u gjet',
  notFoundNote:
    'Asnjë certifikatë nuk ka këtë kod. Kontrolloni lidhjen ose kërkojini mbajtësit një të re.',
  holder: 'Mbajtësi',
  course: 'Kursi',
  provider: 'Ofruesi i trajnimit',
  programme: 'Programi',
  issued: 'Lëshuar më',
  hours: '{hours} orë',
  skills: 'Aftësitë e certifikuara',
  level: 'niveli {level} nga 5',
  code: 'Kodi i certifikatës',
};
