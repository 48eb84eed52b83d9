/** Two projects: fast unit tests, and end-to-end tests against a real n8n started by the harness. */
const tsJest = ['ts-jest', { diagnostics: false }];

/** @type {import('jest').Config} */
module.exports = {
	reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/unit'],
			testMatch: ['**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.e2e.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			globalSetup: '<rootDir>/test/support/globalSetup.ts',
			globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
			setupFilesAfterEnv: ['<rootDir>/test/support/e2eSetup.ts'],
		},
	],
};
