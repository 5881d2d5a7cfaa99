import type { Plugin } from 'vite';

export declare function browserValidator(): Plugin;
export declare function browserValidatorForTests(): {
  name: string;
  resolveImport(args: { source: string }): string | undefined;
};
