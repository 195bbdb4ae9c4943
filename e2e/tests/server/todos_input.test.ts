// Bad requests get a 4xx with a JSON {error, code} through the real server, never a 500; requests
// without a logged-in user get 401.
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack, type Stack} from '../../harness/stack';
import {apiBase, TodoApi, type Answer, type RequestOptions} from '../../harness/todo_api';

let stack: Stack;
let user1: TodoApi;
/** A public channel of user1 made for this file, so the oversize todos stay out of shared lists. */
let shared: string;

beforeAll(async () => {
    stack = loadStack();
    user1 = TodoApi.as(stack.user1, stack.siteURL);
    shared = (await createScratchChannel(clientFor(stack.admin), stack.team.id, 'O', [stack.user1.id], 'input')).id;
});

/** Every error answer must carry a JSON body with a message and a stable code. */
function expectErrorBody(a: Answer, status: number, code: string): void {
    expect({status: a.status, type: a.headers.get('content-type')}).toEqual({status, type: expect.stringMatching(/^application\/json/)});
    const body = a.json as {error?: unknown; code?: unknown};
    expect(body.code).toBe(code);
    expect(typeof body.error).toBe('string');
    expect((body.error as string).length).toBeGreaterThan(0);
}

const unknownId = 'abcdefghijklmnopqrstuvwxyz';

describe('bad input', () => {
    let channelAdd: string;
    let existingId: string;

    beforeAll(async () => {
        channelAdd = `/channels/${shared}/todos`;
        existingId = (await user1.addToChannel(shared, {text: 'input checks'})).id;
    });

    const cases: Array<{name: string; method: string; path: () => string; opts: RequestOptions; status: number; code: string}> = [
        {name: 'malformed JSON', method: 'POST', path: () => channelAdd, opts: {rawBody: '{"text": "unfinished'}, status: 400, code: 'invalid_json'},
        {name: 'empty body', method: 'POST', path: () => channelAdd, opts: {rawBody: ''}, status: 400, code: 'invalid_json'},
        {name: 'text of the wrong type', method: 'POST', path: () => channelAdd, opts: {body: {text: 42}}, status: 400, code: 'invalid_json'},
        {name: 'assignees of the wrong type', method: 'POST', path: () => channelAdd, opts: {body: {text: 'x', assignees: 'user1'}}, status: 400, code: 'invalid_json'},
        {name: 'an array instead of an object', method: 'POST', path: () => channelAdd, opts: {body: ['text']}, status: 400, code: 'invalid_json'},
        {name: 'unknown field', method: 'POST', path: () => channelAdd, opts: {body: {text: 'x', colour: 'red'}}, status: 400, code: 'invalid_json'},
        {name: 'two JSON values', method: 'POST', path: () => channelAdd, opts: {rawBody: '{"text": "a"} {"text": "b"}'}, status: 400, code: 'invalid_json'},
        {name: 'empty text', method: 'POST', path: () => channelAdd, opts: {body: {text: ''}}, status: 400, code: 'text_empty'},
        {name: 'blank text', method: 'POST', path: () => channelAdd, opts: {body: {text: ' \n\t '}}, status: 400, code: 'text_empty'},
        {name: 'text over 4,000 characters', method: 'POST', path: () => channelAdd, opts: {body: {text: 'x'.repeat(4001)}}, status: 400, code: 'text_too_long'},
        {name: 'text with a NUL', method: 'POST', path: () => channelAdd, opts: {body: {text: 'a\u0000b'}}, status: 400, code: 'text_invalid'},
        {name: 'text with a terminal escape (C0 control)', method: 'POST', path: () => channelAdd, opts: {body: {text: '\u001b[31mred'}}, status: 400, code: 'text_invalid'},
        {name: 'text with a right-to-left override', method: 'POST', path: () => channelAdd, opts: {body: {text: 'pay \u202eecnalab'}}, status: 400, code: 'text_invalid'},
        {name: 'edit to a text with a bidirectional isolate', method: 'PATCH', path: () => `/todos/${existingId}`, opts: {body: {text: 'x\u2067y'}}, status: 400, code: 'text_invalid'},
        {name: 'bad due date', method: 'POST', path: () => channelAdd, opts: {body: {text: 'x', due: {date: '2026-13-45'}}}, status: 400, code: 'invalid_due'},
        {name: 'body over 64 KiB', method: 'POST', path: () => channelAdd, opts: {body: {text: 'x'.repeat(70 * 1024)}}, status: 413, code: 'body_too_large'},
        {name: 'edit to empty text', method: 'PATCH', path: () => `/todos/${existingId}`, opts: {body: {text: '   '}}, status: 400, code: 'text_empty'},
        {name: 'edit with oversize text', method: 'PATCH', path: () => `/todos/${existingId}`, opts: {body: {text: 'é'.repeat(4001)}}, status: 400, code: 'text_too_long'},
        {name: 'move with two targets', method: 'POST', path: () => `/todos/${existingId}/move`, opts: {body: {to: 'top', position: 2}}, status: 400, code: 'invalid_move'},
        {name: 'bad state filter', method: 'GET', path: () => `${channelAdd}?state=finished`, opts: {}, status: 400, code: 'invalid_state'},
        {name: 'limit out of range', method: 'GET', path: () => `${channelAdd}?limit=500`, opts: {}, status: 400, code: 'invalid_limit'},
        {name: 'garbage cursor', method: 'GET', path: () => `${channelAdd}?cursor=not-a-cursor`, opts: {}, status: 400, code: 'invalid_cursor'},
        {name: 'assignee filter that is no user id', method: 'GET', path: () => `${channelAdd}?assignee=nobody`, opts: {}, status: 400, code: 'invalid_id'},
        {name: 'post id that is no id', method: 'POST', path: () => channelAdd, opts: {body: {text: 'x', post_id: 'nope'}}, status: 400, code: 'invalid_id'},
        // A path naming no todo is a 404, whether or not it is shaped like an id.
        {name: 'malformed todo id', method: 'GET', path: () => '/todos/not-an-id', opts: {}, status: 404, code: 'not_found'},
        {name: 'unknown todo id', method: 'GET', path: () => `/todos/${unknownId}`, opts: {}, status: 404, code: 'not_found'},
        {name: 'complete an unknown todo', method: 'POST', path: () => `/todos/${unknownId}/complete`, opts: {}, status: 404, code: 'not_found'},
        {name: 'delete an unknown todo', method: 'DELETE', path: () => `/todos/${unknownId}`, opts: {}, status: 404, code: 'not_found'},
        {name: 'unknown number', method: 'GET', path: () => `${channelAdd}/number/999999999`, opts: {}, status: 404, code: 'not_found'},
        {name: 'unknown channel', method: 'GET', path: () => `/channels/${unknownId}/todos`, opts: {}, status: 404, code: 'not_found'},
        {name: 'unknown route', method: 'GET', path: () => '/no/such/route', opts: {}, status: 404, code: 'not_found'},
    ];

    test.each(cases)('$name: $status $code', async ({method, path, opts, status, code}) => {
        const answer = await user1.request(method, path(), opts);
        expectErrorBody(answer, status, code);
    });

    test('a refused control character is named in the message', async () => {
        const answer = await user1.request('POST', channelAdd, {body: {text: 'pay \u202eecnalab'}});
        expect(answer.json).toEqual({code: 'text_invalid', error: 'The text contains a bidirectional control character (U+202E), which cannot be shown safely; remove it.'});
        // Line breaks and tabs are text.
        const added = await user1.addToChannel(shared, {text: 'line one\n\tline two'});
        expect(added.text).toBe('line one\n\tline two');
    });

    test('an error naming a value carries it for the webapp to translate', async () => {
        const answer = await user1.request('POST', channelAdd, {body: {text: 'x'.repeat(4001)}});
        expect(answer.json).toEqual({code: 'text_too_long', error: 'The text is 4001 characters long; the limit is 4000.', params: {Limit: 4000}});
    });

    test('text of exactly 4,000 characters (code points) is accepted', async () => {
        const text = '😀'.repeat(4000);
        const added = await user1.addToChannel(shared, {text});
        expect([...added.text].length).toBe(4000);
    });

    test('a failed add adds nothing', async () => {
        const before = await user1.listChannel(shared, {state: 'all', limit: 1});
        for (const c of cases.filter((x) => x.method === 'POST' && x.path() === channelAdd)) {
            await user1.request(c.method, c.path(), c.opts);
        }
        const after = await user1.listChannel(shared, {state: 'all', limit: 1});
        expect(after.version).toBe(before.version);
    });
});

describe('without a logged-in user', () => {
    const anonymous = (): TodoApi => new TodoApi(stack.siteURL);

    test.each([
        ['GET', () => `/channels/${shared}/todos`],
        ['POST', () => `/channels/${shared}/todos`],
        ['GET', () => '/users/me/mine'],
        ['GET', () => `/todos/${unknownId}`],
    ])('%s is 401 unauthorized', async (method, path) => {
        const answer = await anonymous().request(method, path(), method === 'POST' ? {body: {text: 'anonymous'}} : {});
        expectErrorBody(answer, 401, 'unauthorized');
    });

    test('a bad token is 401 too', async () => {
        const answer = await new TodoApi(stack.siteURL, 'x'.repeat(26)).request('GET', `/channels/${shared}/todos`);
        expect(answer.status).toBe(401);
    });

    test('a forged Mattermost-User-ID header is not believed', async () => {
        // Mattermost strips the header from incoming requests; only a real session sets it.
        const answer = await anonymous().request('GET', '/users/me/todos', {headers: {'Mattermost-User-ID': stack.user1.id}});
        expectErrorBody(answer, 401, 'unauthorized');
    });
});

describe('a session cookie, as the web client sends it', () => {
    async function logIn(): Promise<{cookie: string; csrf: string}> {
        const res = await fetch(`${stack.siteURL}/api/v4/users/login`, {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
            body: JSON.stringify({login_id: stack.user1.username, password: stack.user1.password}),
        });
        expect(res.status).toBe(200);
        const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
        const csrf = cookies.find((c) => c.startsWith('MMCSRF='))?.slice('MMCSRF='.length) ?? '';
        expect(csrf).not.toBe('');
        return {cookie: cookies.join('; '), csrf};
    }

    test('reads with the cookie alone; writes need the CSRF token, else 401', async () => {
        const {cookie, csrf} = await logIn();
        const path = `${stack.siteURL}${apiBase}/channels/${shared}/todos`;
        const json = {'Content-Type': 'application/json'};

        const read = await fetch(path, {headers: {Cookie: cookie}});
        expect(read.status).toBe(200);

        // Without the token Mattermost passes the request on as anonymous.
        const noCsrf = await fetch(path, {method: 'POST', headers: {Cookie: cookie, ...json}, body: JSON.stringify({text: 'cookie without csrf'})});
        expect(noCsrf.status).toBe(401);
        const wrongCsrf = await fetch(path, {method: 'POST', headers: {Cookie: cookie, ...json, 'X-CSRF-Token': 'wrong'}, body: JSON.stringify({text: 'cookie with a wrong csrf'})});
        expect(wrongCsrf.status).toBe(401);

        const withCsrf = await fetch(path, {method: 'POST', headers: {Cookie: cookie, ...json, 'X-CSRF-Token': csrf}, body: JSON.stringify({text: 'cookie with csrf'})});
        expect(withCsrf.status).toBe(201);
        expect(((await withCsrf.json()) as {creator_id: string}).creator_id).toBe(stack.user1.id);
    });
});
