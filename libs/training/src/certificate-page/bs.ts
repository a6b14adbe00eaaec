import type { CertificatePageMessages } from './messages.js';

export const bs: CertificatePageMessages = {
  tag: 'bs',
  title: 'Provjera certifikata',
  valid: 'Važeći certifikat',
  validNote: 'Izdao: {provider}. Nije opozvan.',
  revoked: 'Opozvan certifikat',
  revokedNote: 'Opozvan {date} Više ne potvrđuje ove vještine.',
  notFound: 'Certifikat nije pronađen',
  notFoundNote: 'Nijedan certifikat nema ovaj kod. Provjerite link ili zatražite novi od vlasnika.',
  holder: 'Vlasnik',
  course: 'Kurs',
  provider: 'Pružalac obuke',
  programme: 'Program',
  issued: 'Izdat',
  hours: '{hours} sati',
  skills: 'Potvrđene vještine',
  level: 'nivo {level} od 5',
  code: 'Kod certifikata',
};
