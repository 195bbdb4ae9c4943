// Matchers such as toBeInTheDocument and toHaveTextContent for every test file.
import '@testing-library/jest-dom';
import {configure} from '@testing-library/react';

// findBy/waitFor wait for what the user would eventually see; on a busy machine
// that takes longer than the 1 s default. Nothing here measures speed.
configure({asyncUtilTimeout: 10_000});

// React reports its problems (act, keys, styles, failed prop types) on
// console.error; a test that causes one fails instead of passing noisily.
let errors: unknown[][] = [];
let spy: jest.SpyInstance;

beforeEach(() => {
    errors = [];
    spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
        errors.push(args);
    });
});

afterEach(() => {
    spy.mockRestore();
    if (errors.length > 0) {
        throw new Error(`console.error was called:\n${errors.map((args) => args.map(String).join(' ')).join('\n')}`);
    }
});
