/**
 * Deterministic generator of large, realistic service catalogs for search tests and benchmarks.
 * Names are German compounds built from word parts ("Baumfällgenehmigung", "Antrag auf
 * Hundesteuerbefreiung"), with umlauts and ß, optional English names, synonyms, LeiKa-shaped keys and
 * one or two categories. Pure TypeScript: runs in the browser and in Node.
 */
import type { ServiceSummary } from '../../src/contract/catalog.ts';

/** Category ids used by generated services. */
export const GENERATED_CATEGORIES = [
  'bauen-wohnen',
  'familie',
  'gesundheit',
  'meldewesen',
  'mobilitaet',
  'sicherheit-ordnung',
  'soziales',
  'steuern',
  'umwelt',
  'wirtschaft',
] as const;

/** [German part, English word, German verb phrase for synonyms, category]. */
const SUBJECTS: [string, string, string, string][] = [
  ['Baumfäll', 'tree felling', 'Baum fällen', 'umwelt'],
  ['Gewerbe', 'trade', 'Gewerbe', 'wirtschaft'],
  ['Hunde', 'dog', 'Hund', 'steuern'],
  ['Fahrzeug', 'vehicle', 'Auto', 'mobilitaet'],
  ['Wohnungs', 'housing', 'Wohnung', 'bauen-wohnen'],
  ['Melde', 'registration', 'Wohnsitz', 'meldewesen'],
  ['Park', 'parking', 'Parkplatz', 'mobilitaet'],
  ['Jagd', 'hunting', 'Jagd', 'sicherheit-ordnung'],
  ['Fischerei', 'fishing', 'Angeln', 'umwelt'],
  ['Waffen', 'firearms', 'Waffe', 'sicherheit-ordnung'],
  ['Bau', 'building', 'Haus bauen', 'bauen-wohnen'],
  ['Abfall', 'waste', 'Müll', 'umwelt'],
  ['Abwasser', 'sewage', 'Abwasser', 'umwelt'],
  ['Grundstücks', 'property', 'Grundstück', 'bauen-wohnen'],
  ['Gaststätten', 'restaurant', 'Kneipe', 'wirtschaft'],
  ['Sondernutzungs', 'special use', 'Straße nutzen', 'mobilitaet'],
  ['Geburts', 'birth', 'Geburt', 'familie'],
  ['Sterbe', 'death', 'Todesfall', 'familie'],
  ['Ehe', 'marriage', 'Heiraten', 'familie'],
  ['Führungs', 'conduct', 'Führungszeugnis', 'sicherheit-ordnung'],
  ['Aufenthalts', 'residence', 'Aufenthalt', 'meldewesen'],
  ['Einbürgerungs', 'naturalisation', 'Einbürgerung', 'meldewesen'],
  ['Schornsteinfeger', 'chimney sweep', 'Schornstein', 'bauen-wohnen'],
  ['Lärmschutz', 'noise protection', 'Lärm', 'umwelt'],
  ['Straßenverkehrs', 'road traffic', 'Straßenverkehr', 'mobilitaet'],
  ['Veranstaltungs', 'event', 'Fest feiern', 'wirtschaft'],
  ['Markt', 'market', 'Markt', 'wirtschaft'],
  ['Taxi', 'taxi', 'Taxi', 'mobilitaet'],
  ['Bestattungs', 'funeral', 'Beerdigung', 'familie'],
  ['Kindertagesstätten', 'day care', 'Kita', 'familie'],
  ['Eltern', 'parental', 'Eltern', 'familie'],
  ['Schülerbeförderungs', 'school transport', 'Schulbus', 'familie'],
  ['Denkmalschutz', 'monument protection', 'Denkmal', 'bauen-wohnen'],
  ['Feuerwerks', 'fireworks', 'Feuerwerk', 'sicherheit-ordnung'],
  ['Tierhaltungs', 'animal keeping', 'Tiere halten', 'umwelt'],
  ['Zweitwohnungs', 'second home', 'Zweitwohnung', 'steuern'],
  ['Vergnügungs', 'entertainment', 'Spielhalle', 'steuern'],
  ['Wasser', 'water', 'Wasser', 'umwelt'],
  ['Pflege', 'care', 'Pflege', 'gesundheit'],
  ['Impf', 'vaccination', 'Impfung', 'gesundheit'],
  ['Gesundheits', 'health', 'Gesundheit', 'gesundheit'],
  ['Wohngeld', 'housing benefit', 'Mietzuschuss', 'soziales'],
  ['Sozialhilfe', 'social assistance', 'Grundsicherung', 'soziales'],
  ['Schwerbehinderten', 'disability', 'Behinderung', 'soziales'],
  ['Reisepass', 'passport', 'Pass', 'meldewesen'],
  ['Grundsteuer', 'property tax', 'Grundsteuer', 'steuern'],
  ['Bodenrichtwert', 'land value', 'Bodenwert', 'bauen-wohnen'],
  ['Ausfuhr', 'export', 'Export', 'wirtschaft'],
];

/** [German head (lower case, ends the compound), English word, verb for synonyms]. */
const HEADS: [string, string, string][] = [
  ['genehmigung', 'permit', 'genehmigen lassen'],
  ['anmeldung', 'registration', 'anmelden'],
  ['abmeldung', 'deregistration', 'abmelden'],
  ['ummeldung', 're-registration', 'ummelden'],
  ['erlaubnis', 'licence', 'erlauben lassen'],
  ['bescheinigung', 'certificate', 'bescheinigen lassen'],
  ['zulassung', 'approval', 'zulassen'],
  ['steuer', 'tax', 'Steuer zahlen'],
  ['steuerbefreiung', 'tax exemption', 'von der Steuer befreien'],
  ['ausweis', 'card', 'Ausweis beantragen'],
  ['schein', 'licence', 'Schein machen'],
  ['urkunde', 'certificate', 'Urkunde bestellen'],
  ['beihilfe', 'allowance', 'Zuschuss bekommen'],
  ['anzeige', 'notice', 'anzeigen'],
  ['prüfung', 'inspection', 'prüfen lassen'],
  ['förderung', 'grant', 'fördern lassen'],
  ['gebühren', 'fees', 'Gebühren zahlen'],
  ['auskunft', 'information', 'Auskunft bekommen'],
  ['verlängerung', 'renewal', 'verlängern'],
  ['beratung', 'advice', 'beraten lassen'],
];

const FORMS = [
  (c: string) => c,
  (c: string) => c,
  (c: string) => `${c} beantragen`,
  (c: string) => `Antrag auf ${c}`,
  (c: string) => `${c} – Änderung`,
  (c: string) => `${c} für Unternehmen`,
  (c: string) => `Vorläufige ${c}`,
];

const SUMMARIES = [
  (c: string, v: string) => `Sie möchten ${v}? Hier beantragen Sie die ${c} bei der zuständigen Behörde.`,
  (c: string) => `Die ${c} können Sie online beantragen; Nachweise laden Sie als Datei hoch.`,
  (c: string) => `Informationen zu Voraussetzungen, Kosten und Fristen der ${c}.`,
  (c: string, v: string) =>
    `Wer ${v} will, braucht in vielen Fällen eine ${c}. Die Bearbeitung dauert etwa zwei Wochen.`,
];

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same catalog everywhere. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates `n` services (ids `svc-0` … `svc-<n-1>`) deterministically from `seed`. About half have
 * English texts, most have synonyms, about 70 % a LeiKa-shaped key (`99` + 12 digits; not real keys).
 */
export function generateServices(n: number, seed = 1): ServiceSummary[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const out: ServiceSummary[] = [];
  for (let i = 0; i < n; i++) {
    const [subject, subjectEn, subjectVerb, category] = pick(SUBJECTS);
    const [head, headEn, headVerb] = pick(HEADS);
    // Sometimes a second subject deepens the compound: "Gewerbeabfallgenehmigung".
    const extra = rnd() < 0.25 ? pick(SUBJECTS) : undefined;
    const compound = extra ? `${subject}${extra[0].toLowerCase()}${head}` : `${subject}${head}`;
    const compoundEn = extra ? `${subjectEn} ${extra[1]} ${headEn}` : `${subjectEn} ${headEn}`;
    const verbPhrase = `${subjectVerb} ${headVerb}`;
    const service: ServiceSummary = {
      id: `svc-${i}`,
      name: { de: pick(FORMS)(compound) },
      summary: { de: pick(SUMMARIES)(compound, verbPhrase) },
      categories: rnd() < 0.3 ? [category, pick(GENERATED_CATEGORIES)] : [category],
    };
    if (rnd() < 0.5) {
      const en = compoundEn.charAt(0).toUpperCase() + compoundEn.slice(1);
      service.name.en = en;
      service.summary.en = `Apply for the ${compoundEn} with the responsible authority.`;
    }
    if (rnd() < 0.8) {
      service.synonyms = { de: [verbPhrase] };
      if (rnd() < 0.4) service.synonyms.de!.push(`${subject.replace(/s$/, '')} ${head}`);
      if (service.name.en) service.synonyms.en = [`${headEn} for ${subjectEn}`];
    }
    if (rnd() < 0.7) {
      service.leikaKey = `99${String(Math.floor(rnd() * 1e12)).padStart(12, '0')}`;
    }
    const apply = rnd();
    if (apply < 0.4) service.formId = `form-${i}`;
    else if (apply < 0.6) service.onlineServiceUrl = `https://portal.example.org/leistung/${i}`;
    out.push(service);
  }
  return out;
}
