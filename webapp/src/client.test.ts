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

describe('TodoClient reading ahead', () => {
    function counting() {
        const urls: string[] = [];
        const fetchFn = async (url: string) => {
            urls.push(url);
            return {ok: true, status: 200, text: async () => JSON.stringify({todos: [], version: urls.length})} as unknown as Response;
        };
        return {client: new TodoClient('/api', fetchFn, ''), urls};
    }

    it('hands an answer read ahead to the next identical request, once', async () => {
        const {client, urls} = counting();
        client.readAhead((c) => c.listMine({state: 'open', limit: 50}));
        client.readAhead((c) => c.listMine({state: 'open', limit: 50}));
        expect(urls).toEqual(['/api/users/me/mine?state=open&limit=50']);

        expect(await client.listMine({state: 'open', limit: 50})).toEqual({todos: [], version: 1});
        expect(urls).toHaveLength(1);
        expect(await client.listMine({state: 'open', limit: 50})).toEqual({todos: [], version: 2});
        expect(urls).toHaveLength(2);
    });

    it('asks again for what was read ahead before a change was announced', async () => {
        const {client, urls} = counting();
        client.readAhead((c) => c.toolList({kind: 'channel', channelId: 'c1'}, 50));
        client.dropReadAhead();
        await client.toolList({kind: 'channel', channelId: 'c1'}, 50);
        expect(urls).toEqual(['/api/channels/c1/tool?first_page=50', '/api/channels/c1/tool?first_page=50']);
    });

    it('leaves a different request alone', async () => {
        const {client, urls} = counting();
        client.readAhead((c) => c.listMine({state: 'open', limit: 50}));
        await client.listMine({state: 'open', limit: 200, cursor: 'x'});
        expect(urls).toEqual(['/api/users/me/mine?state=open&limit=50', '/api/users/me/mine?state=open&limit=200&cursor=x']);
    });
});
