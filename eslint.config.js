// ESLint (typescript-eslint, type-aware): the promise rules guard what the brief asks of
// every call path, that no promise is left without an owner; the import rule keeps the
// core from naming a feature. `npm test` runs it and fails on any warning.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'portal/**', 'eslint.config.js'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': 'off',
    },
  },
  {
    // No console in the controller: logs are structured and carry the call id (STYLE.md 12).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/main.ts', 'src/demo/seed-cli.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Dependencies point one way: the core never imports a feature.
    files: ['src/ari/**/*.ts', 'src/calls/**/*.ts', 'src/store/**/*.ts', 'src/http/**/*.ts', 'src/users/**/*.ts', 'src/observability/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/**'], message: 'The core must not import a feature: plug it in through the Feature interface (src/feature.ts).' }] }] },
  },
);
