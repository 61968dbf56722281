// Lints TypeScript everywhere and the mini-program's WXS modules (ES5 run by WeChat's
// WXS engine: no modern syntax, no require of npm code).
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'test-output/',
      '.data/',
      '.data.seeded-*/',
      '.scratch*/',
      'miniprogram/**/miniprogram_npm/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The mini-program may import only types from the shared contract.
    files: ['miniprogram/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/typings/**'], allowTypeImports: true, message: 'Import only types from typings/.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.wxs'],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: 'script',
      globals: { module: 'writable', getDate: 'readonly', getRegExp: 'readonly' },
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
