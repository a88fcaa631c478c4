// Lint, including module boundaries: core imports no other @autopipe package; runtime and testkit import only
// core; plugins import core and shared libraries such as @autopipe/trees (and the testkit in tests), never each other;
// nobody deep-imports a package's internals.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const deep = { group: ['@autopipe/*/*'], message: 'Import a package by its public entry point, not its internals.' };
const only = (allowed, message) => ({
  'no-restricted-imports': ['error', {
    patterns: [deep, { regex: `^@autopipe/(?!(${allowed.join('|')})$)`, message }],
  }],
});

export default tseslint.config(
  { ignores: ['**/dist/**', 'apps/cli/bundle/**', '**/out-tsc/**', '**/node_modules/**', '**/coverage/**', 'tools/bench/out/**', 'packages/runtime/schema/*.validate.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['packages/core/**/*.ts'], rules: only(['__none__'], 'Core must not import any other autopipe package.') },
  { files: ['packages/runtime/**/*.ts', 'packages/testkit/**/*.ts'], rules: only(['core'], 'Runtime and testkit import only @autopipe/core.') },
  { files: ['packages/store/**/*.ts'], rules: only(['core', 'runtime'], 'The store builds on @autopipe/core and @autopipe/runtime only.') },
  { files: ['packages/store/test/**/*.ts'], rules: only(['core', 'runtime', 'test-servers'], 'Store tests import core, runtime and the test servers.') },
  { files: ['packages/{trees,ingest,onnx,registry}/src/**/*.ts'], rules: only(['core'], 'Shared libraries import only @autopipe/core.') },
  { files: ['packages/{trees,ingest,onnx,registry}/test/**/*.ts'], rules: only(['core', 'testkit', 'test-servers'], 'Shared library tests import only @autopipe/core, @autopipe/testkit and the test servers.') },
  { files: ['packages/test-servers/**/*.ts'], rules: only(['__none__'], 'The test servers import no autopipe package.') },
  // Shared libraries (packages/trees, ingest, onnx, registry) are not plugins: plugins may build on them, never on each other.
  { files: ['plugins/*/src/**/*.ts'], rules: only(['core', 'trees', 'ingest', 'onnx', 'registry'], 'Plugins import only @autopipe/core and shared libraries; never another plugin.') },
  { files: ['plugins/*/test/**/*.ts'], rules: only(['core', 'trees', 'ingest', 'onnx', 'registry', 'testkit', 'test-servers'], 'Plugin tests import only @autopipe/core, shared libraries and @autopipe/testkit.') },
  { files: ['apps/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [deep] }] } },
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } } },
);
