/** The default path of Debian's Chromium. */
export const DEFAULT_CHROMIUM: string;
/** Flags for a quiet, headless Chromium in containers and CI. */
export const CHROMIUM_ARGS: string[];
/** `CHROME_PATH` or the default path, when the file exists; otherwise undefined. */
export function findChromium(env?: NodeJS.ProcessEnv): string | undefined;
/** How to get Chromium, for an error message. */
export function installHint(env?: NodeJS.ProcessEnv): string;
