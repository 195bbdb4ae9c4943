import {ClientError, TodoClient} from './client';

// A fetch that answers every request with one REST error (the test environment has no Response).
function refusing(status: number, body: unknown) {
    return async () => ({ok: false, status, statusText: 'Bad Request', text: async () => JSON.stringify(body)}) as unknown as Response;
}

describe('TodoClient errors', () => {
    it('keeps a REST error\'s code and the values its message names', async () => {
        const client = new TodoClient('/plugins/channel-todo/api/v1', refusing(400, {
            error: 'The text is 4100 characters long; the limit is 4000.', code: 'text_too_long', params: {Limit: 4000},
        }), '');
        const err = await client.addChannelTodo('c1', {text: 'x'}).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ClientError);
        expect(err).toMatchObject({status: 400, code: 'text_too_long', params: {Limit: 4000}});
    });

    it('gives an error without values no params', async () => {
        const client = new TodoClient('/plugins/channel-todo/api/v1', refusing(400, {error: 'Empty.', code: 'text_empty'}), '');
        const err = await client.addChannelTodo('c1', {text: ''}).catch((e: unknown) => e);
        expect(err).toMatchObject({code: 'text_empty', params: {}});
    });
});
