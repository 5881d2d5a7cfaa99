export interface EntrySize {
  /** `ozg-config`, …, or `index` for all elements together. */
  name: string;
  /** Minified bytes. */
  raw: number;
  /** Gzip (level 9) bytes. */
  gzip: number;
}
/** Target budgets in gzip bytes, lit included. */
export const BUDGETS: Record<string, number>;
/** Ceilings in gzip bytes that the size test enforces on the way to the budgets. */
export const CEILINGS: Record<string, number>;
export function entryNames(): string[];
export function measureEntry(name: string): Promise<EntrySize>;
export function measureEntries(): Promise<EntrySize[]>;
