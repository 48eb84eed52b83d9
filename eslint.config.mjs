/**
 * n8n's own lint set for community nodes, as `@n8n/node-cli` 0.48.3 ships it (`n8n-node lint`,
 * dist/configs/eslint.js): ESLint's and typescript-eslint's recommended rules,
 * `@n8n/eslint-plugin-community-nodes` (the n8n Cloud variant), `import-x`, `no-console`, and
 * `eslint-plugin-n8n-nodes-base`'s `community` (package.json), `credentials` and `nodes` rule sets
 * with node-cli's three overrides. We add type-aware typescript-eslint rules for all TypeScript.
 * n8n's verification scan runs separately (`npm run scan`), with its own pinned config.
 */
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'editions/*/dist/**',
			'node_modules/**',
			'coverage/**',
			'.n8n-dev/**',
			'test-output/**',
		],
	},
	{
		files: ['**/*.ts'],
		extends: [
			js.configs.recommended,
			tseslint.configs.recommendedTypeChecked,
			importX.configs['flat/recommended'],
		],
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
		settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
		// No import circle anywhere: each module's dependencies read one way.
		rules: { 'prefer-spread': 'off', 'import-x/no-cycle': 'error' },
	},
	// Jest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`.
	{
		files: ['test/**/*.ts'],
		rules: {
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off',
		},
	},
	// What ships in the package: n8n's rules, exactly as `n8n-node lint` applies them.
	{
		files: shipped,
		extends: [n8nCommunityNodesPlugin.configs.recommended],
		rules: { 'no-console': 'error' },
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	// The combined package's package.json, and the vendor editions' that the build writes.
	{
		files: ['package.json', 'editions/*/package.json'],
		extends: [n8nCommunityNodesPlugin.configs.recommended],
		rules: {
			...n8nNodesBase.configs.community.rules,
			// The one rule left out: no public address exists yet, and none is invented. n8n's scan in
			// `npm test` reports it as pending, and the release check refuses to publish without it.
			'@n8n/community-nodes/valid-author': 'off',
		},
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);
