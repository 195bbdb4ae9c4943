const path = require('path');

// user-event must fire events through the same @testing-library/dom that
// @testing-library/react configured (it wraps them in act); npm may have installed
// a second, newer copy for user-event's peer dependency.
const domOfReactTestingLibrary = path.dirname(require.resolve('@testing-library/dom/package.json', {
    paths: [path.dirname(require.resolve('@testing-library/react'))],
}));

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
    moduleNameMapper: {
        '^@testing-library/dom$': domOfReactTestingLibrary,
    },
    clearMocks: true,

    // A budget for slow shared machines, not a speed requirement.
    testTimeout: 30_000,
};
