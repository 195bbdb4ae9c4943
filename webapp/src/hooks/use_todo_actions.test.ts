import {errorMessage} from './use_todo_actions';

describe('errorMessage', () => {
    it.each([
        {thrown: new Error('boom'), want: 'boom'},
        {thrown: 'plain', want: 'plain'},
        {thrown: 42, want: '42'},
    ])('reads $want', ({thrown, want}) => {
        expect(errorMessage(thrown)).toBe(want);
    });
});
