import type { CertificatePageMessages } from './messages.js';

/** Serbian, Latin script. */
export const sr: CertificatePageMessages = {
  tag: 'sr-Latn',
  title: 'Provera sertifikata',
  valid: 'Važeći sertifikat',
  validNote: 'Izdao: {provider}. Nije opozvan.',
  revoked: 'Opozvan sertifikat',
  revokedNote: 'Opozvan {date} Više ne potvrđuje ove veštine.',
  notFound: 'Sertifikat nije pronađen',
  notFoundNote: 'Nijedan sertifikat nema ovaj kod. Proverite link ili zatražite novi od vlasnika.',
  holder: 'Vlasnik',
  course: 'Kurs',
  provider: 'Pružalac obuke',
  programme: 'Program',
  issued: 'Izdat',
  hours: '{hours} časova',
  skills: 'Potvrđene veštine',
  level: 'nivo {level} od 5',
  code: 'Kod sertifikata',
};
