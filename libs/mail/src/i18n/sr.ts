import type { CatalogueKey } from './en.js';

/** Serbian, Latin script (sr-Cyrl is the same text in Cyrillic). */
export const sr: Record<CatalogueKey, string> = {
  'layout.greeting': 'Zdravo {name},',
  'layout.greetingAnonymous': 'Zdravo,',
  'layout.signature': 'Talentbridge',
  'layout.unsubscribe': 'Ne šaljite mi ovakve poruke',
  'layout.transactional': 'Ovu poruku dobijate zbog radnje na vašem Talentbridge nalogu.',
  'verifyEmail.subject': 'Potvrdite svoju adresu e-pošte',
  'verifyEmail.body':
    'Molimo vas da potvrdite da je ovo vaša adresa e-pošte otvaranjem veze ispod. Veza radi jednom i važi 7 dana.',
  'verifyEmail.action': 'Potvrdi adresu e-pošte',
  'passwordReset.subject': 'Promena lozinke za Talentbridge',
  'passwordReset.body':
    'Neko je zatražio promenu lozinke vašeg Talentbridge naloga. Ako ste to bili vi, otvorite vezu ispod u roku od 60 minuta i izaberite novu lozinku. Ako niste, zanemarite ovu poruku: vaša lozinka ostaje ista.',
  'passwordReset.action': 'Izaberite novu lozinku',
  'notification.subject': '{title}',
  'notification.body': '{body}',
  'notification.action': 'Otvorite Talentbridge',
  'notification.details': 'Otvorite Talentbridge da vidite detalje.',
  'unsubscribe.done':
    'Više nećete dobijati ove poruke. Možete ih ponovo uključiti u podešavanjima obaveštenja.',
  'kind.application.received': 'Dobili ste novu prijavu',
  'kind.match.invited': 'Pozvani ste na priliku za posao',
  'kind.match.accepted': 'Poziv je prihvaćen',
  'kind.match.declined': 'Poziv je odbijen',
  'kind.match.rejected': 'Prijava nije prošla dalje',
  'kind.match.hired': 'Zaposleni ste',
  'kind.match.completed': 'Angažman je završen',
  'kind.match.cancelled': 'Povezivanje je otkazano',
  'kind.certificate.issued': 'Dobili ste sertifikat',
  'kind.survey.due': 'Čeka vas kratka anketa',
  'kind.search.alert': 'Novi rezultati za vašu sačuvanu pretragu',
  'search.alert.title': 'Novo za vašu sačuvanu pretragu "{name}": {count}',
  'search.alert.body': 'Novo od poslednje provere:\n\n{items}',
  'search.alert.more': '…i još {count}',
  'kind.account.security': 'Bezbednosna podešavanja vašeg naloga su promenjena',
  'kind.listing.review': 'Oglas je prijavljen i čeka vaš pregled',
};
