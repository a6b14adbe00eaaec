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
  'unsubscribe.done':
    'Više nećete dobijati ove poruke. Možete ih ponovo uključiti u podešavanjima obaveštenja.',
  'surveyDue.subject': 'Da li sada imate plaćen posao? Pitanje od jednog minuta',
  'surveyDue.body':
    'Pre nekog vremena završili ste obuku ili počeli da radite preko platforme Talentbridge. Molimo vas da nam kažete da li sada imate plaćen posao i koliko otprilike zarađujete. Traje jedan minut i ne morate da se prijavljujete.\n\nVaš odgovor se računa samo u anonimnim zbirovima, nikada uz vaše ime, i pomaže programu da nastavi da obučava ljude. Veza radi jednom i važi 30 dana.',
  'surveyDue.action': 'Odgovorite na pitanja',
  'surveyReminder.subject': 'Podsetnik: jedan minut o vašem poslu',
  'surveyReminder.body':
    'Pre nedelju dana postavili smo vam nekoliko kratkih pitanja o vašem poslu. Ako još niste odgovorili, molimo vas da to uradite sada: traje jedan minut, ne morate da se prijavljujete, a veza važi još oko tri nedelje.',
  'surveyReminder.action': 'Odgovorite na pitanja',
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
  'kindBody.application.received':
    'Polaznik se prijavio na „{opportunity}“. Otvorite Talentbridge da vidite koliko odgovara i da odgovorite.',
  'kindBody.match.invited':
    'Pozvani ste na „{opportunity}“. Otvorite Talentbridge da prihvatite ili odbijete poziv.',
  'kindBody.match.accepted': 'Polaznik je prihvatio poziv na „{opportunity}“.',
  'kindBody.match.declined': 'Polaznik je odbio poziv na „{opportunity}“.',
  'kindBody.match.rejected':
    'Vaša prijava na „{opportunity}“ nije prošla dalje. Druge prilike vas čekaju na Talentbridge platformi.',
  'kindBody.match.hired': 'Zaposleni ste na „{opportunity}“. Čestitamo!',
  'kindBody.match.completed':
    'Angažman „{opportunity}“ je označen kao završen. Sada ga možete oceniti na Talentbridge platformi.',
  'kindBody.match.cancelled': 'Povezivanje za „{opportunity}“ je otkazano.',
  'kindBody.certificate.issued':
    'Vaš sertifikat je spreman. Otvorite Talentbridge da ga vidite i podelite vezu za proveru.',
  'kindBody.survey.due': 'Recite nam kako ste: anketa traje dva minuta.',
  'kindBody.search.alert':
    'Novi rezultati odgovaraju vašoj sačuvanoj pretrazi. Otvorite Talentbridge da ih vidite.',
  'kindBody.account.security': 'Ako to niste bili vi, odmah promenite lozinku.',
  'kindBody.listing.review':
    'Polaznici su prijavili oglas vaše organizacije. Ostaje skriven dok ga posrednik ne pregleda.',
  'digest.subject': 'Vaš pregled sa Talentbridge platforme: {count} novih obaveštenja',
  'digest.body': 'Evo šta se desilo od vašeg poslednjeg pregleda:\n\n{items}',
  'digest.action': 'Otvorite svoja obaveštenja',
  'page.reset.title': 'Izaberite novu lozinku',
  'page.reset.intro':
    'Unesite novu lozinku za svoj Talentbridge nalog. Sve otvorene sesije biće zatvorene.',
  'page.reset.password': 'Nova lozinka (najmanje 12 znakova)',
  'page.reset.submit': 'Sačuvaj novu lozinku',
  'page.reset.done': 'Vaša lozinka je promenjena. Sada možete da se prijavite sa njom.',
  'page.reset.failed': 'Lozinka nije promenjena:',
  'page.verify.done': 'Vaša adresa e-pošte je potvrđena. Možete zatvoriti ovu stranicu.',
  'page.linkInvalid': 'Ova veza nije ispravna, već je iskorišćena ili je istekla. Zatražite novu.',
};
