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
  'notification.details': 'Hapni Talentbridge për të parë hollësitë.',
  'unsubscribe.done':
    'Nuk do të merrni më këto e-mail. Mund t’i aktivizoni përsëri te cilësimet e njoftimeve.',
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
};
