import type { Locale } from '@app/mail';
import type { Sector, WorkStatus } from '../survey-values.js';

/** The questions and the page's words in one language (low literacy: short, everyday words). */
export interface SurveyTexts {
  /** BCP 47 tag for `lang` and dates. */
  tag: string;
  title: string;
  intro: string;
  statusQuestion: string;
  statuses: Record<WorkStatus, string>;
  incomeQuestion: string;
  hoursQuestion: string;
  sectorQuestion: string;
  sectors: Record<Sector, string>;
  sameQuestion: string;
  yes: string;
  no: string;
  optional: string;
  send: string;
  thanks: string;
  alreadyAnswered: string;
  expired: string;
  notFound: string;
  checkAnswers: string;
}

const en: SurveyTexts = {
  tag: 'en',
  title: 'Your work now',
  intro: 'Four short questions, one minute. Your answer is counted without your name.',
  statusQuestion: 'What do you do now?',
  statuses: {
    employed: 'I have a job (employee)',
    self_employed: 'I have my own business',
    freelance: 'I do freelance work for clients',
    in_training: 'I am in training or school',
    not_working: 'I do not work now',
  },
  incomeQuestion: 'How much do you earn in a month, in euros? (only if you work)',
  hoursQuestion: 'How many hours do you work in a week?',
  sectorQuestion: 'In which field do you work?',
  sectors: { ict: 'IT, computers', bpo: 'Call centre, office services', other: 'Other' },
  sameQuestion: 'Is it the work you found through Talentbridge?',
  yes: 'Yes',
  no: 'No',
  optional: 'you can leave this empty',
  send: 'Send',
  thanks: 'Thank you! Your answer is saved.',
  alreadyAnswered: 'This survey is already answered. Thank you!',
  expired: 'This survey is closed.',
  notFound: 'This link does not work.',
  checkAnswers: 'Please check your answers:',
};

const sq: SurveyTexts = {
  tag: 'sq',
  title: 'Puna juaj tani',
  intro: 'Katër pyetje të shkurtra, një minutë. Përgjigjja juaj numërohet pa emrin tuaj.',
  statusQuestion: 'Çfarë bëni tani?',
  statuses: {
    employed: 'Kam një punë (i/e punësuar)',
    self_employed: 'Kam biznesin tim',
    freelance: 'Punoj si i/e pavarur për klientë',
    in_training: 'Jam në trajnim ose në shkollë',
    not_working: 'Nuk punoj tani',
  },
  incomeQuestion: 'Sa fitoni në muaj, në euro? (vetëm nëse punoni)',
  hoursQuestion: 'Sa orë punoni në javë?',
  sectorQuestion: 'Në cilën fushë punoni?',
  sectors: { ict: 'IT, kompjuterë', bpo: 'Qendër thirrjesh, shërbime zyre', other: 'Tjetër' },
  sameQuestion: 'A është kjo puna që e gjetët përmes Talentbridge?',
  yes: 'Po',
  no: 'Jo',
  optional: 'mund ta lini bosh',
  send: 'Dërgo',
  thanks: 'Faleminderit! Përgjigjja juaj u ruajt.',
  alreadyAnswered: 'Kësaj ankete i është përgjigjur tashmë. Faleminderit!',
  expired: 'Kjo anketë është mbyllur.',
  notFound: 'Kjo lidhje nuk funksionon.',
  checkAnswers: 'Ju lutemi kontrolloni përgjigjet:',
};

const sr: SurveyTexts = {
  tag: 'sr-Latn',
  title: 'Vaš posao sada',
  intro: 'Četiri kratka pitanja, jedan minut. Vaš odgovor se računa bez vašeg imena.',
  statusQuestion: 'Čime se sada bavite?',
  statuses: {
    employed: 'Imam posao (zaposlen/a)',
    self_employed: 'Imam svoju firmu',
    freelance: 'Radim kao frilenser za klijente',
    in_training: 'Na obuci sam ili u školi',
    not_working: 'Sada ne radim',
  },
  incomeQuestion: 'Koliko zarađujete mesečno, u evrima? (samo ako radite)',
  hoursQuestion: 'Koliko sati radite nedeljno?',
  sectorQuestion: 'U kojoj oblasti radite?',
  sectors: { ict: 'IT, računari', bpo: 'Kol centar, kancelarijske usluge', other: 'Drugo' },
  sameQuestion: 'Da li je to posao koji ste našli preko platforme Talentbridge?',
  yes: 'Da',
  no: 'Ne',
  optional: 'možete ostaviti prazno',
  send: 'Pošalji',
  thanks: 'Hvala! Vaš odgovor je sačuvan.',
  alreadyAnswered: 'Na ovu anketu je već odgovoreno. Hvala!',
  expired: 'Ova anketa je zatvorena.',
  notFound: 'Ova veza ne radi.',
  checkAnswers: 'Molimo proverite odgovore:',
};

const srCyrl: SurveyTexts = {
  tag: 'sr-Cyrl',
  title: 'Ваш посао сада',
  intro: 'Четири кратка питања, један минут. Ваш одговор се рачуна без вашег имена.',
  statusQuestion: 'Чиме се сада бавите?',
  statuses: {
    employed: 'Имам посао (запослен/а)',
    self_employed: 'Имам своју фирму',
    freelance: 'Радим као фриленсер за клијенте',
    in_training: 'На обуци сам или у школи',
    not_working: 'Сада не радим',
  },
  incomeQuestion: 'Колико зарађујете месечно, у еврима? (само ако радите)',
  hoursQuestion: 'Колико сати радите недељно?',
  sectorQuestion: 'У којој области радите?',
  sectors: { ict: 'ИТ, рачунари', bpo: 'Кол центар, канцеларијске услуге', other: 'Друго' },
  sameQuestion: 'Да ли је то посао који сте нашли преко платформе Talentbridge?',
  yes: 'Да',
  no: 'Не',
  optional: 'можете оставити празно',
  send: 'Пошаљи',
  thanks: 'Хвала! Ваш одговор је сачуван.',
  alreadyAnswered: 'На ову анкету је већ одговорено. Хвала!',
  expired: 'Ова анкета је затворена.',
  notFound: 'Ова веза не ради.',
  checkAnswers: 'Молимо проверите одговоре:',
};

const mk: SurveyTexts = {
  tag: 'mk',
  title: 'Вашата работа сега',
  intro: 'Четири кратки прашања, една минута. Вашиот одговор се брои без вашето име.',
  statusQuestion: 'Што работите сега?',
  statuses: {
    employed: 'Имам работа (вработен/а)',
    self_employed: 'Имам своја фирма',
    freelance: 'Работам како фриленсер за клиенти',
    in_training: 'На обука сум или на училиште',
    not_working: 'Сега не работам',
  },
  incomeQuestion: 'Колку заработувате месечно, во евра? (само ако работите)',
  hoursQuestion: 'Колку часа работите неделно?',
  sectorQuestion: 'Во која област работите?',
  sectors: { ict: 'ИТ, компјутери', bpo: 'Кол центар, канцелариски услуги', other: 'Друго' },
  sameQuestion: 'Дали е тоа работата што ја најдовте преку Talentbridge?',
  yes: 'Да',
  no: 'Не',
  optional: 'може да остане празно',
  send: 'Испрати',
  thanks: 'Благодариме! Вашиот одговор е зачуван.',
  alreadyAnswered: 'На оваа анкета веќе е одговорено. Благодариме!',
  expired: 'Оваа анкета е затворена.',
  notFound: 'Оваа врска не работи.',
  checkAnswers: 'Ве молиме проверете ги одговорите:',
};

const bs: SurveyTexts = {
  tag: 'bs',
  title: 'Vaš posao sada',
  intro: 'Četiri kratka pitanja, jedna minuta. Vaš odgovor se računa bez vašeg imena.',
  statusQuestion: 'Čime se sada bavite?',
  statuses: {
    employed: 'Imam posao (zaposlen/a)',
    self_employed: 'Imam svoju firmu',
    freelance: 'Radim kao frilenser za klijente',
    in_training: 'Na obuci sam ili u školi',
    not_working: 'Sada ne radim',
  },
  incomeQuestion: 'Koliko zarađujete mjesečno, u eurima? (samo ako radite)',
  hoursQuestion: 'Koliko sati radite sedmično?',
  sectorQuestion: 'U kojoj oblasti radite?',
  sectors: { ict: 'IT, računari', bpo: 'Call centar, kancelarijske usluge', other: 'Drugo' },
  sameQuestion: 'Je li to posao koji ste našli preko platforme Talentbridge?',
  yes: 'Da',
  no: 'Ne',
  optional: 'možete ostaviti prazno',
  send: 'Pošalji',
  thanks: 'Hvala! Vaš odgovor je spremljen.',
  alreadyAnswered: 'Na ovu anketu je već odgovoreno. Hvala!',
  expired: 'Ova anketa je zatvorena.',
  notFound: 'Ovaj link ne radi.',
  checkAnswers: 'Molimo provjerite odgovore:',
};

export const SURVEY_TEXTS: Readonly<Record<Locale, SurveyTexts>> = {
  en,
  sq,
  sr,
  'sr-Cyrl': srCyrl,
  mk,
  bs,
};
