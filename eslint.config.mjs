// One flat config for the TypeScript of both workspaces (webapp and e2e). Run it
// through each workspace's `npm run lint`; the type checker (tsc) covers what
// typed lint rules would, so these rules need no type information and stay fast.
import js from '@eslint/js';
import {defineConfig} from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The few Node.js globals the CommonJS build and test configuration files use.
const nodeGlobals = {
    __dirname: 'readonly',
    Buffer: 'readonly',
    console: 'readonly',
    module: 'writable',
    process: 'readonly',
    require: 'readonly',
};

export default defineConfig(
    {
        ignores: [
            '**/node_modules/**',
            '**/dist/**',
            '**/coverage/**',
            'e2e/.run/**',
            'e2e/test-results/**',
        ],
    },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        files: ['**/*.{ts,tsx,mts,cts}'],
        rules: {
            // TypeScript itself reports undefined names, with the DOM and Node types.
            'no-undef': 'off',
            '@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'separate-type-imports'}],
            '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
            eqeqeq: ['error', 'always'],
            'no-console': ['error', {allow: ['warn', 'error']}],
            'prefer-const': 'error',
        },
    },
    {
        // Test files and command-line scripts report to the terminal.
        files: ['**/*.test.{ts,tsx}', 'e2e/**/*.{ts,tsx}'],
        rules: {
            'no-console': 'off',
        },
    },
    {
        files: ['webapp/src/**/*.{ts,tsx}', 'e2e/host/**/*.{ts,tsx}'],
        plugins: {'react-hooks': reactHooks},
        rules: reactHooks.configs.recommended.rules,
    },
    {
        files: ['**/*.{js,cjs}'],
        languageOptions: {
            sourceType: 'commonjs',
            globals: nodeGlobals,
        },
        rules: {
            '@typescript-eslint/no-require-imports': 'off',
        },
    },
);
