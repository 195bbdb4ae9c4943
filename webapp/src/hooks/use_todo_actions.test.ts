import {errorText} from '../error_text';

describe('errorText of what was thrown', () => {
    it.each([
        {thrown: new Error('boom'), want: 'boom'},
        {thrown: 'plain', want: 'plain'},
        {thrown: 42, want: '42'},
    ])('reads $want', ({thrown, want}) => {
        expect(errorText(thrown, 'en')).toBe(want);
    });
});
