// Component and registration tests run in jsdom. ts-jest compiles with the same
// strict settings as the bundle, as CommonJS for jest's module system.
module.exports = {
    testEnvironment: 'jsdom',
    roots: ['<rootDir>/src'],
    transform: {
        '^.+\\.tsx?$': ['ts-jest', {tsconfig: '<rootDir>/tsconfig.test.json'}],
        '^.+\\.svg$': '<rootDir>/src/test/svg_transform.js',
    },
    setupFilesAfterEnv: ['<rootDir>/src/test/setup.ts'],
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    clearMocks: true,
};
