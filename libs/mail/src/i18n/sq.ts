import type { CatalogueKey } from './en.js';

/** Albanian. */
export const sq: Record<CatalogueKey, string> = {
  'layout.greeting': 'Përshëndetje {name},',
  'layout.greetingAnonymous': 'Përshëndetje,',
  'layout.signature': 'Talentbridge',
  'layout.unsubscribe': 'Mos më dërgoni e-mail të tillë',
  'layout.transactional':
    'E merrni këtë e-mail për shkak të një veprimi në llogarinë tuaj në Talentbridge.',
  'verifyEmail.subject': 'Konfirmoni adresën tuaj të e-mailit',
  'verifyEmail.body':
    'Ju lutemi konfirmoni që kjo është adresa juaj e e-mailit duke hapur lidhjen më poshtë. Lidhja funksionon një herë dhe për 7 ditë.',
  'verifyEmail.action': 'Konfirmo adresën e e-mailit',
  'passwordReset.subject': 'Rivendosni fjalëkalimin tuaj në Talentbridge',
  'passwordReset.body':
    'Dikush kërkoi të rivendosë fjalëkalimin e llogarisë suaj në Talentbridge. Nëse ishit ju, hapni lidhjen më poshtë brenda 60 minutave për të zgjedhur një fjalëkalim të ri. Nëse nuk ishit ju, injorojeni këtë e-mail: fjalëkalimi juaj mbetet i njëjtë.',
  'passwordReset.action': 'Zgjidhni një fjalëkalim të ri',
  'notification.subject': '{title}',
  'notification.body': '{body}',
  'notification.action': 'Hapni Talentbridge',
  'unsubscribe.done':
    'Nuk do të merrni më këto e-mail. Mund t’i aktivizoni përsëri te cilësimet e njoftimeve.',
  'surveyDue.subject': 'A keni punë me pagesë tani? Një pyetje prej një minute',
  'surveyDue.body':
    'Pak kohë më parë përfunduat një trajnim ose filluat një punë përmes Talentbridge. Ju lutemi na tregoni nëse keni punë me pagesë tani dhe afërsisht sa fitoni. Zgjat një minutë dhe nuk keni nevojë të hyni në llogari.\n\nPërgjigjja juaj numërohet vetëm në shifra anonime, kurrë me emrin tuaj, dhe e ndihmon programin të vazhdojë të trajnojë njerëz. Lidhja funksionon një herë dhe për 30 ditë.',
  'surveyDue.action': 'Përgjigjuni pyetjeve',
  'surveyReminder.subject': 'Kujtesë: një minutë për punën tuaj',
  'surveyReminder.body':
    'Një javë më parë ju bëmë disa pyetje të shkurtra për punën tuaj. Nëse nuk jeni përgjigjur ende, ju lutemi bëjeni tani: zgjat një minutë, nuk keni nevojë të hyni në llogari dhe lidhja funksionon edhe për rreth tre javë.',
  'surveyReminder.action': 'Përgjigjuni pyetjeve',
  'kind.application.received': 'Keni marrë një aplikim të ri',
  'kind.match.invited': 'Jeni ftuar për një mundësi pune',
  'kind.match.accepted': 'Ftesa u pranua',
  'kind.match.declined': 'Ftesa u refuzua',
  'kind.match.rejected': 'Një aplikim nuk vazhdoi më tej',
  'kind.match.hired': 'Jeni punësuar',
  'kind.match.completed': 'Një angazhim përfundoi',
  'kind.match.cancelled': 'Një përputhje u anulua',
  'kind.certificate.issued': 'Keni marrë një certifikatë',
  'kind.survey.due': 'Ju pret një anketë e shkurtër pasuese',
  'kind.search.alert': 'Rezultate të reja për kërkimin tuaj të ruajtur',
  'search.alert.title': '{count} të reja për kërkimin tuaj të ruajtur "{name}"',
  'search.alert.body': 'Të reja që nga kontrolli i fundit:\n\n{items}',
  'search.alert.more': '…dhe {count} të tjera',
  'kind.account.security': 'Cilësimet e sigurisë së llogarisë suaj ndryshuan',
  'kind.listing.review': 'Një njoftim u raportua dhe pret shqyrtimin tuaj',
  'kindBody.application.received':
    'Një kandidat aplikoi për “{opportunity}”. Hapni Talentbridge për të parë sa i përshtatet dhe për t’u përgjigjur.',
  'kindBody.match.invited':
    'Jeni ftuar për “{opportunity}”. Hapni Talentbridge për ta pranuar ose refuzuar ftesën.',
  'kindBody.match.accepted': 'Kandidati e pranoi ftesën për “{opportunity}”.',
  'kindBody.match.declined': 'Kandidati e refuzoi ftesën për “{opportunity}”.',
  'kindBody.match.rejected':
    'Aplikimi juaj për “{opportunity}” nuk vazhdoi më tej. Mundësi të tjera ju presin në Talentbridge.',
  'kindBody.match.hired': 'Jeni punësuar për “{opportunity}”. Urime!',
  'kindBody.match.completed':
    'Angazhimi “{opportunity}” u shënua si i përfunduar. Tani mund ta vlerësoni në Talentbridge.',
  'kindBody.match.cancelled': 'Përputhja për “{opportunity}” u anulua.',
  'kindBody.certificate.issued':
    'Certifikata juaj është gati. Hapni Talentbridge për ta parë dhe për të ndarë lidhjen e verifikimit.',
  'kindBody.survey.due': 'Na tregoni si jeni: anketa zgjat dy minuta.',
  'kindBody.search.alert':
    'Rezultate të reja përputhen me kërkimin tuaj të ruajtur. Hapni Talentbridge për t’i parë.',
  'kindBody.account.security': 'Nëse nuk e bëtë ju këtë, rivendosni menjëherë fjalëkalimin.',
  'kindBody.listing.review':
    'Kandidatët raportuan një njoftim të organizatës suaj. Ai mbetet i fshehur derisa ta shqyrtojë një ndërmjetës.',
  'digest.subject': 'Përmbledhja juaj nga Talentbridge: {count} njoftime të reja',
  'digest.body': 'Ja çfarë ndodhi që nga përmbledhja e fundit:\n\n{items}',
  'digest.action': 'Hapni njoftimet tuaja',
  'page.reset.title': 'Zgjidhni një fjalëkalim të ri',
  'page.reset.intro':
    'Shkruani fjalëkalimin e ri për llogarinë tuaj në Talentbridge. Të gjitha seancat e hapura do të mbyllen.',
  'page.reset.password': 'Fjalëkalimi i ri (të paktën 12 shenja)',
  'page.reset.submit': 'Ruani fjalëkalimin e ri',
  'page.reset.done': 'Fjalëkalimi juaj u ndryshua. Tani mund të hyni me të.',
  'page.reset.failed': 'Fjalëkalimi nuk u ndryshua:',
  'page.verify.done': 'Adresa juaj e e-mail-it u konfirmua. Mund ta mbyllni këtë faqe.',
  'page.linkInvalid':
    'Kjo lidhje është e pavlefshme, është përdorur ose ka skaduar. Kërkoni një të re.',
};
