/**
 * Text folding for search: one canonical spelling per word so that "Straße", "STRASSE" and "strasse"
 * meet, and "Führerschein" meets "fuehrerschein". Pure string code (no DOM, no Node).
 */

const SPELLED: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
const PLAIN: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', ß: 'ss' };

function foldWith(text: string, umlauts: Record<string, string>): string {
  // Most words are plain ASCII: skip the costly Unicode steps for them.
  if (/^[a-z\d]+$/i.test(text)) return text.toLowerCase();
  return (
    text
      // Composed first, so that a decomposed "u + ◌̈" is still recognised as ü.
      .normalize('NFC')
      .toLowerCase()
      .replace(/[äöüß]/g, (c) => umlauts[c] ?? c)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * Folds text for matching: lower case; ä→ae, ö→oe, ü→ue, ß→ss (also Ä, Ö, Ü, ẞ); other diacritics
 * stripped (é→e); every run of punctuation or white space becomes one space; no leading/trailing space.
 */
export function fold(text: string): string {
  return foldWith(text, SPELLED);
}

/**
 * Like {@link fold}, but umlauts lose their dots (ä→a, ö→o, ü→u) for citizens who type "fuhrerschein".
 * Word boundaries are the same as in `fold`, so the words of both results line up one to one.
 */
export function foldPlain(text: string): string {
  return foldWith(text, PLAIN);
}
