// End-to-end tests against a real Mattermost server. The global setup builds (or reuses) the
// pinned server, starts it on a fresh database, seeds users and installs the plugin bundle; the
// global teardown stops it by pid even when tests fail. See README.md.
/** @type {import('jest').Config} */
module.exports = {
    rootDir: __dirname,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/tests/**/*.test.ts'],
    transform: {
        // The tsconfig has isolatedModules, so ts-jest only transpiles; `npm run check-types`
        // type-checks.
        '^.+\\.tsx?$': ['ts-jest', {tsconfig: '<rootDir>/tsconfig.json'}],
    },
    globalSetup: '<rootDir>/harness/global_setup.ts',
    globalTeardown: '<rootDir>/harness/global_teardown.ts',
    // Requests go to a real server; a cold first request can be slow, nothing here is timed.
    testTimeout: 60_000,
};
