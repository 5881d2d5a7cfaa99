/** JSON Pointer (RFC 6901) helpers. */

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from its tokens; no tokens is the whole document (`''`). */
export function toPointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const token of tokens) out += '/' + escapeToken(token);
  return out;
}
