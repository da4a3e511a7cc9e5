// typescript-eslint's recommended rules, without type information, so that `npm test` can afford to run them.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['embeddings/', 'corpus/', 'coverage/', '.bench/', 'dist/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a parameter a signature requires but the body does not read; a rest sibling
      // is how an object is copied without some of its properties.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Control characters in these patterns are meant: NULs and other C0 bytes in files that claim to be text,
      // the bottom of the ASCII range, ANSI colour codes in Maven's output.
      'no-control-regex': 'off',
      // These errors quote their cause in their own message, and errorText() (src/errors.ts) adds a cause's
      // message to the error's: a `cause` as well would say it twice.
      'preserve-caught-error': 'off',
    },
  },
  {
    // Discord's JSON as the fake server records it: the tests read it as Discord sends it, unchecked by types.
    files: ['tests/bot/**', 'tests/support/discord/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
