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
  'unsubscribe.done':
    'Više nećete dobijati ove poruke. Možete ih ponovo uključiti u postavkama obavještenja.',
  'surveyDue.subject': 'Imate li sada plaćen posao? Pitanje od jedne minute',
  'surveyDue.body':
    'Prije nekog vremena završili ste obuku ili počeli raditi preko platforme Talentbridge. Molimo vas da nam kažete imate li sada plaćen posao i koliko otprilike zarađujete. Traje jednu minutu i ne morate se prijavljivati.\n\nVaš odgovor se računa samo u anonimnim zbirovima, nikada uz vaše ime, i pomaže programu da nastavi obučavati ljude. Link radi jednom i važi 30 dana.',
  'surveyDue.action': 'Odgovorite na pitanja',
  'surveyReminder.subject': 'Podsjetnik: jedna minuta o vašem poslu',
  'surveyReminder.body':
    'Prije sedmicu dana postavili smo vam nekoliko kratkih pitanja o vašem poslu. Ako još niste odgovorili, molimo vas da to uradite sada: traje jednu minutu, ne morate se prijavljivati, a link važi još oko tri sedmice.',
  'surveyReminder.action': 'Odgovorite na pitanja',
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
  'kindBody.application.received':
    'Polaznik se prijavio na „{opportunity}“. Otvorite Talentbridge da vidite koliko odgovara i da odgovorite.',
  'kindBody.match.invited':
    'Pozvani ste na „{opportunity}“. Otvorite Talentbridge da prihvatite ili odbijete poziv.',
  'kindBody.match.accepted': 'Polaznik je prihvatio poziv na „{opportunity}“.',
  'kindBody.match.declined': 'Polaznik je odbio poziv na „{opportunity}“.',
  'kindBody.match.rejected':
    'Vaša prijava na „{opportunity}“ nije prošla dalje. Druge prilike vas čekaju na Talentbridgeu.',
  'kindBody.match.hired': 'Zaposleni ste na „{opportunity}“. Čestitamo!',
  'kindBody.match.completed':
    'Angažman „{opportunity}“ je označen kao završen. Sada ga možete ocijeniti na Talentbridgeu.',
  'kindBody.match.cancelled': 'Povezivanje za „{opportunity}“ je otkazano.',
  'kindBody.certificate.issued':
    'Vaš certifikat je spreman. Otvorite Talentbridge da ga vidite i podijelite link za provjeru.',
  'kindBody.survey.due': 'Recite nam kako ste: anketa traje dvije minute.',
  'kindBody.search.alert':
    'Novi rezultati odgovaraju vašoj sačuvanoj pretrazi. Otvorite Talentbridge da ih vidite.',
  'kindBody.account.security': 'Ako to niste bili vi, odmah promijenite lozinku.',
  'kindBody.listing.review':
    'Polaznici su prijavili oglas vaše organizacije. Ostaje skriven dok ga posrednik ne pregleda.',
  'digest.subject': 'Vaš pregled s Talentbridgea: {count} novih obavještenja',
  'digest.body': 'Evo šta se desilo od vašeg posljednjeg pregleda:\n\n{items}',
  'digest.action': 'Otvorite svoja obavještenja',
  'page.reset.title': 'Izaberite novu lozinku',
  'page.reset.intro':
    'Unesite novu lozinku za svoj Talentbridge račun. Sve otvorene sesije bit će zatvorene.',
  'page.reset.password': 'Nova lozinka (najmanje 12 znakova)',
  'page.reset.submit': 'Sačuvaj novu lozinku',
  'page.reset.done': 'Vaša lozinka je promijenjena. Sada se možete prijaviti s njom.',
  'page.reset.failed': 'Lozinka nije promijenjena:',
  'page.verify.done': 'Vaša adresa e-pošte je potvrđena. Možete zatvoriti ovu stranicu.',
  'page.linkInvalid': 'Ovaj link nije ispravan, već je iskorišten ili je istekao. Zatražite novi.',
};
