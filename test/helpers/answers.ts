/** Answers of the sample forms, for browser and Node tests alike (plain data, no imports). */

/** The version of the sample forms (raise it with theirs). */
export const SAMPLE_FORM_VERSION = 4;

/** Where `<ozg-form>` keeps the draft of a sample form of the Kreis Dithmarschen. */
export const draftKey = (formId: string, version = SAMPLE_FORM_VERSION): string =>
  `ozg-form-draft:kreis-dithmarschen:${formId}:${version}`;

/**
 * Valid answers of the sample Gewerbeanmeldung: a bakery in Heide (the place that decides the authority), its owner
 * living wherever `home` says (German postal code and town, or an address abroad).
 */
export function gewerbeAnswers(
  home: { plz: string; ort: string } | { abroad: { staat: string; plz?: string; ort: string } } = {
    plz: '25541',
    ort: 'Brunsbüttel',
  },
  business: { plz: string; ort: string } = { plz: '25746', ort: 'Heide' },
): Record<string, unknown> {
  const address =
    'abroad' in home
      ? {
          wohnsitz_ausland: true,
          ort: home.abroad.ort,
          staat: home.abroad.staat,
          ...(home.abroad.plz ? { plz_ausland: home.abroad.plz } : {}),
        }
      : { plz: home.plz, ort: home.ort };
  return {
    anmeldeart: 'neuerrichtung',
    betriebsart: 'hauptniederlassung',
    vorname: 'Erika',
    familienname: 'Mustermann',
    geburtsdatum: '1984-05-04',
    geburtsort: 'Kiel',
    staatsangehoerigkeit: 'deutsch',
    strasse: 'Hafenstraße 2',
    ...address,
    email: 'erika@example.org',
    rechtsform: 'einzelunternehmen',
    taetigkeit: 'Bäckerei mit Verkauf',
    beginn: `${new Date().getFullYear() + 1}-01-02`,
    erwerb: 'haupterwerb',
    beschaeftigte_vollzeit: 2,
    beschaeftigte_teilzeit: 1,
    erlaubnis: 'nein',
    betrieb_strasse: 'Markt 5',
    betrieb_plz: business.plz,
    betrieb_ort: business.ort,
    richtigkeit: true,
  };
}

/** Valid answers of the sample Versammlungsanzeige: a stationary assembly on the Heide market place next year. */
export function assemblyAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    veranstalter_art: 'person',
    vorname: 'Erika',
    familienname: 'Mustermann',
    strasse: 'Markt 1',
    plz: '25746',
    ort: 'Heide',
    email: 'erika@example.org',
    telefon: '0481 12345',
    leitung_selbst: 'ja',
    thema: 'Mehr Bäume',
    datum: `${new Date().getFullYear() + 1}-05-01`,
    beginn: '10:00',
    ende: '12:00',
    form: 'ortsfest',
    versammlung_plz: '25746',
    versammlung_ort: 'Heide',
    kundgebungsort: 'Marktplatz',
    teilnehmende: '20',
    richtigkeit: true,
    ...overrides,
  };
}
