// SPDX-License-Identifier: Apache-2.0
// Lint rules: typescript-eslint recommended, React hooks rules for the renderer, and the
// layering rule that only the Electron adapter may import 'electron'.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noElectron = {
  'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'; keep the backend Electron-free." }] }],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'coverage/', 'electron/api/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      ...noElectron,
    },
  },
  { files: ['electron/main/**', 'electron/preload/**', 'test/unit/main/**', 'test/unit/preload/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
