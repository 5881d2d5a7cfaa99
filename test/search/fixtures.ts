/**
 * A small realistic catalog for search tests. LeiKa keys are the verified (or single-source) ones from
 * the project's domain notes; services without a known key have none.
 */
import type { ServiceSummary } from '../../src/contract/catalog.ts';

/** Eighteen services of a Kreis portal, some without English texts (German fallback). */
export const services: ServiceSummary[] = [
  {
    id: 'fahrzeugzulassung',
    name: { de: 'Fahrzeugzulassung', en: 'Vehicle registration' },
    summary: {
      de: 'Ein Kraftfahrzeug online zulassen (i-Kfz), umschreiben oder außer Betrieb setzen.',
      en: 'Register, re-register or deregister a motor vehicle online (i-Kfz).',
    },
    categories: ['mobilitaet'],
    synonyms: {
      de: ['Auto anmelden', 'Auto zulassen', 'Kfz-Zulassung', 'Fahrzeug anmelden', 'Nummernschild'],
      en: ['register a car', 'car registration', 'number plate'],
    },
    onlineServiceUrl: 'https://i-kfz.example.org/',
  },
  {
    id: 'baumfaellgenehmigung',
    name: { de: 'Baumfällgenehmigung', en: 'Tree felling permit' },
    summary: {
      de: 'Genehmigung zum Fällen geschützter Bäume auf Ihrem Grundstück.',
      en: 'Permit to cut down protected trees on your property.',
    },
    categories: ['bauen-wohnen', 'umwelt'],
    synonyms: { de: ['Baum fällen', 'Fällantrag'], en: ['cut down a tree'] },
    formId: 'baumfaellung',
  },
  {
    id: 'gewerbeanmeldung',
    leikaKey: '99050012104000',
    name: { de: 'Gewerbeanmeldung', en: 'Register a business' },
    summary: {
      de: 'Ein Gewerbe anmelden, wenn Sie sich selbstständig machen.',
      en: 'Register a trade when you become self-employed.',
    },
    categories: ['wirtschaft'],
    synonyms: { de: ['Gewerbe anmelden', 'Gewerbeschein', 'Selbstständig machen'], en: ['trade licence'] },
    formId: 'gewerbeanmeldung',
  },
  {
    id: 'kleiner-waffenschein',
    leikaKey: '99089124001000',
    name: { de: 'Kleiner Waffenschein', en: 'Small firearms licence' },
    summary: {
      de: 'Erlaubnis zum Führen von Schreckschuss-, Reizstoff- und Signalwaffen.',
      en: 'Licence to carry blank, irritant and signal weapons.',
    },
    categories: ['sicherheit-ordnung'],
    formId: 'kleiner-waffenschein',
  },
  {
    id: 'waffenschein',
    leikaKey: '99089122001000',
    name: { de: 'Waffenschein', en: 'Firearms licence' },
    summary: { de: 'Erlaubnis zum Führen einer Schusswaffe.', en: 'Licence to carry a firearm.' },
    categories: ['sicherheit-ordnung'],
  },
  {
    id: 'versammlungsanzeige',
    name: { de: 'Versammlungsanzeige', en: 'Notice of assembly' },
    summary: {
      de: 'Eine öffentliche Versammlung unter freiem Himmel anzeigen.',
      en: 'Give notice of a public open-air assembly.',
    },
    categories: ['sicherheit-ordnung'],
    synonyms: { de: ['Demonstration anmelden', 'Demo anmelden'], en: ['register a demonstration'] },
    formId: 'versammlungsanzeige',
  },
  {
    id: 'wohnsitz-anmelden',
    leikaKey: '99115005104000',
    name: { de: 'Wohnsitz anmelden', en: 'Register your residence' },
    summary: {
      de: 'Nach einem Umzug die neue Wohnung bei der Meldebehörde anmelden.',
      en: 'Register your new home with the registration office after moving.',
    },
    categories: ['meldewesen'],
    synonyms: { de: ['Ummelden', 'Umzug melden'], en: ['moving house'] },
  },
  {
    id: 'wohngeld',
    leikaKey: '99107023037000',
    name: { de: 'Wohngeld', en: 'Housing benefit' },
    summary: {
      de: 'Zuschuss zur Miete oder zu den Kosten von selbst genutztem Wohneigentum.',
      en: 'Subsidy towards rent or the costs of owner-occupied housing.',
    },
    categories: ['soziales', 'bauen-wohnen'],
    synonyms: { de: ['Mietzuschuss', 'Lastenzuschuss'], en: ['rent subsidy'] },
  },
  {
    id: 'baugenehmigung',
    leikaKey: '99012070006001',
    name: { de: 'Baugenehmigung', en: 'Building permit' },
    summary: { de: 'Genehmigung für ein Bauvorhaben beantragen.', en: 'Apply for a building permit.' },
    categories: ['bauen-wohnen'],
    synonyms: { de: ['Bauantrag', 'Haus bauen'] },
  },
  {
    id: 'wahlschein',
    leikaKey: '99128009012000',
    name: { de: 'Wahlschein beantragen', en: 'Apply for a polling card' },
    summary: { de: 'Briefwahlunterlagen für eine Wahl anfordern.', en: 'Request postal voting documents.' },
    categories: ['meldewesen'],
    synonyms: { de: ['Briefwahl'], en: ['postal vote'] },
  },
  {
    id: 'meldebescheinigung',
    leikaKey: '99115003012000',
    name: { de: 'Meldebescheinigung', en: 'Certificate of registration' },
    summary: {
      de: 'Bescheinigung über Ihre gemeldete Wohnung.',
      en: 'Certificate of your registered address.',
    },
    categories: ['meldewesen'],
  },
  {
    id: 'personalausweis',
    leikaKey: '99008001012000',
    name: { de: 'Personalausweis beantragen', en: 'Apply for an identity card' },
    summary: { de: 'Einen neuen Personalausweis beantragen.', en: 'Apply for a new identity card.' },
    categories: ['meldewesen'],
    synonyms: { de: ['Ausweis', 'Perso'], en: ['ID card'] },
  },
  {
    id: 'hundesteuer',
    leikaKey: '99102013104000',
    name: { de: 'Hundesteuer – Anmeldung eines Hundes', en: 'Dog tax: registering a dog' },
    summary: { de: 'Einen Hund zur Hundesteuer anmelden.', en: 'Register a dog for dog tax.' },
    categories: ['steuern'],
    synonyms: { de: ['Hund anmelden'] },
  },
  {
    id: 'fuehrungszeugnis',
    leikaKey: '99049001001000',
    name: { de: 'Führungszeugnis', en: 'Certificate of good conduct' },
    summary: {
      de: 'Ein Führungszeugnis beim Bundesamt für Justiz beantragen.',
      en: 'Apply for a certificate of good conduct at the Federal Office of Justice.',
    },
    categories: ['sicherheit-ordnung'],
    synonyms: { de: ['Polizeiliches Führungszeugnis'] },
  },
  {
    id: 'fuehrerschein',
    name: { de: 'Führerschein umtauschen' },
    summary: { de: 'Einen alten Papierführerschein in einen Kartenführerschein umtauschen.' },
    categories: ['mobilitaet'],
    synonyms: { de: ['Kartenführerschein'] },
  },
  {
    id: 'sondernutzung',
    name: { de: 'Sondernutzung öffentlicher Straßen' },
    summary: { de: 'Erlaubnis, eine öffentliche Straße über den Gemeingebrauch hinaus zu nutzen.' },
    categories: ['bauen-wohnen', 'mobilitaet'],
    synonyms: { de: ['Container auf der Straße', 'Baustelle einrichten'] },
  },
  {
    id: 'bewohnerparkausweis',
    leikaKey: '99108001001000',
    name: { de: 'Bewohnerparkausweis', en: "Residents' parking permit" },
    summary: { de: 'Parkausweis für Anwohnerinnen und Anwohner.', en: 'Parking permit for residents.' },
    categories: ['mobilitaet'],
    synonyms: { de: ['Anwohnerparken', 'Parkausweis'] },
  },
  {
    id: 'geburtsurkunde',
    leikaKey: '99027002012000',
    name: { de: 'Geburtsurkunde', en: 'Birth certificate' },
    summary: { de: 'Eine Geburtsurkunde beim Standesamt bestellen.', en: 'Order a birth certificate.' },
    categories: ['familie'],
  },
];
