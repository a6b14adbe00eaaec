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
};
