import type { CatalogueKey } from './en.js';

/** Bosnian. */
export const bs: Record<CatalogueKey, string> = {
  'layout.greeting': 'Zdravo {name},',
  'layout.greetingAnonymous': 'Zdravo,',
  'layout.signature': 'Talentbridge',
  'layout.unsubscribe': 'Ne šaljite mi ovakve poruke',
  'layout.transactional': 'Ovu poruku dobijate zbog radnje na vašem Talentbridge računu.',
  'verifyEmail.subject': 'Potvrdite svoju e-mail adresu',
  'verifyEmail.body':
    'Molimo vas da potvrdite da je ovo vaša e-mail adresa otvaranjem linka ispod. Link radi jednom i važi 7 dana.',
  'verifyEmail.action': 'Potvrdi e-mail adresu',
  'passwordReset.subject': 'Promjena lozinke za Talentbridge',
  'passwordReset.body':
    'Neko je zatražio promjenu lozinke vašeg Talentbridge računa. Ako ste to bili vi, otvorite link ispod u roku od 60 minuta i izaberite novu lozinku. Ako niste, zanemarite ovu poruku: vaša lozinka ostaje ista.',
  'passwordReset.action': 'Izaberite novu lozinku',
  'notification.subject': '{title}',
  'notification.body': '{body}',
  'notification.action': 'Otvorite Talentbridge',
  'notification.details': 'Otvorite Talentbridge da vidite detalje.',
  'unsubscribe.done':
    'Više nećete dobijati ove poruke. Možete ih ponovo uključiti u postavkama obavještenja.',
  'kind.application.received': 'Dobili ste novu prijavu',
  'kind.match.invited': 'Pozvani ste na priliku za posao',
  'kind.match.accepted': 'Poziv je prihvaćen',
  'kind.match.declined': 'Poziv je odbijen',
  'kind.match.rejected': 'Prijava nije prošla dalje',
  'kind.match.hired': 'Zaposleni ste',
  'kind.match.completed': 'Angažman je završen',
  'kind.match.cancelled': 'Povezivanje je otkazano',
  'kind.certificate.issued': 'Dobili ste certifikat',
  'kind.survey.due': 'Čeka vas kratka anketa',
  'kind.search.alert': 'Novi rezultati za vašu sačuvanu pretragu',
  'search.alert.title': 'Novo za vašu sačuvanu pretragu "{name}": {count}',
  'search.alert.body': 'Novo od posljednje provjere:\n\n{items}',
  'search.alert.more': '…i još {count}',
  'kind.account.security': 'Sigurnosne postavke vašeg računa su promijenjene',
  'kind.listing.review': 'Oglas je prijavljen i čeka vaš pregled',
};
