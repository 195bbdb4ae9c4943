// Search on the real server, over REST and `/todo find`: a person finds the todos of their
// personal list and of the channels they are in, never one in a channel they cannot read nor
// someone else's personal todo, newest first, a page at a time; leaving a channel takes its
// todos out of the answers at once.
import crypto from 'node:crypto';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';

import {Chat} from '../../harness/chat';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack, type Stack} from '../../harness/stack';
import {TodoApi, type Page, type Todo} from '../../harness/todo_api';

let stack: Stack;
let admin: Client4;
let chat: Chat;
let user1: TodoApi;
let user2: TodoApi;
let shared: Channel; // user1 and user2
let secret: Channel; // private, user2 only
let word: string; // a word no other test uses

/** What a person reads in a chat answer: the bot's word joiners after "@" taken out. */
function plain(text: string): string {
    return text.replace(/\u2060/g, '');
}

/** The ids of todos in the order search gives: newest first, then by id, descending. */
function newestFirst(...todos: Todo[]): string[] {
    return [...todos].sort((a, b) => (b.created_at - a.created_at) || (a.id < b.id ? 1 : -1)).map((t) => t.id);
}

async function search(api: TodoApi, query: Record<string, string | number>): Promise<Page> {
    const answer = await api.request('GET', `/search?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
    expect(answer.status).toBe(200);
    return answer.json as Page;
}

beforeAll(async () => {
    stack = loadStack();
    admin = clientFor(stack.admin);
    chat = new Chat(stack);
    user1 = TodoApi.as(stack.user1, stack.siteURL);
    user2 = TodoApi.as(stack.user2, stack.siteURL);
    shared = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'search');
    secret = await createScratchChannel(admin, stack.team.id, 'P', [stack.user2.id], 'search-secret');
    word = `Zeph${crypto.randomBytes(4).toString('hex')}`;
});

describe('search', () => {
    test('finds what the user can read, newest first, and never a todo of a channel they cannot read', async () => {
        const mine = await user1.addPersonal({text: `Order ${word} paper`});
        const theirs = await user2.addToChannel(shared.id, {text: `${word.toUpperCase()} review, in the shared channel`});
        const hidden = await user2.addToChannel(secret.id, {text: `${word} plans nobody else may read`});
        const bobs = await user2.addPersonal({text: `${word} for user2 alone`});
        const done = await user1.addPersonal({text: `${word}s, finished`});
        const finished = await user1.complete(done.id);
        await user1.addPersonal({text: `Not about ${word.slice(1)} at all`});

        const all = await search(user1, {q: word.slice(0, 6).toLowerCase()});
        expect(all.todos.map((t) => t.id)).toEqual(newestFirst(finished, theirs, mine));
        expect(all.next_cursor).toBeUndefined();

        // Paged: one todo a page, in the same order, then nothing more.
        const paged: string[] = [];
        let cursor = '';
        for (let i = 0; i < 5; i++) {
            const page = await search(user1, {q: word, limit: 1, ...(cursor ? {cursor} : {})});
            paged.push(...page.todos.map((t) => t.id));
            if (!page.next_cursor) {
                break;
            }
            cursor = page.next_cursor;
        }
        expect(paged).toEqual(newestFirst(finished, theirs, mine));

        expect((await search(user1, {q: word, state: 'open'})).todos.map((t) => t.id)).toEqual(newestFirst(theirs, mine));
        expect((await search(user1, {q: `${word} paper`})).todos.map((t) => t.id)).toEqual([mine.id]);

        // user2 finds the private channel's todo and their own; user1 never does.
        expect((await search(user2, {q: word})).todos.map((t) => t.id)).toEqual(newestFirst(bobs, hidden, theirs));

        // The same through /todo find, to the asker alone.
        const answer = plain(await chat.privately(stack.user1, shared, `/todo find ${word}`));
        expect(answer).toContain(`Todos matching “${word}”`);
        expect(answer).toContain(mine.text);
        expect(answer).toContain(theirs.text);
        expect(answer).not.toContain(hidden.text);
        expect(answer).not.toContain(bobs.text);
        expect(plain(await chat.privately(stack.user2, shared, `/todo search ${word} plans`))).toContain(hidden.text);

        // And through a mention: answered to the asker alone, in the mention's thread.
        const {result: asked, whisper} = await chat.whisperedAfter(stack.user1, () => chat.post(stack.user1, shared, `@todo find ${word} paper`));
        expect(whisper.root_id).toBe(asked.id);
        expect(plain(whisper.message)).toContain(mine.text);
        expect(plain(whisper.message)).not.toContain(theirs.text);
        expect(await chat.botPosts(stack.user1, shared)).toEqual([]);
    });

    test('leaving a channel takes its todos out of the answers at once', async () => {
        const room = await createScratchChannel(admin, stack.team.id, 'P', [stack.user1.id, stack.user2.id], 'search-leave');
        const text = `Leave${crypto.randomBytes(4).toString('hex')} the room tidy`;
        const there = await user2.addToChannel(room.id, {text});
        const q = text.split(' ')[0];
        expect((await search(user1, {q})).todos.map((t) => t.id)).toEqual([there.id]);
        await admin.removeFromChannel(stack.user1.id, room.id);
        expect((await search(user1, {q})).todos).toEqual([]);
        expect(plain(await chat.privately(stack.user1, shared, `/todo find ${q}`))).toContain(`No todo you can see matches “${q}”.`);
    });

    test('a public channel the user can read but has not joined is not searched, as in Mattermost\'s own search', async () => {
        const lobby = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'search-unjoined');
        const text = `Unjoined${crypto.randomBytes(4).toString('hex')} poster for the lobby`;
        const there = await user1.addToChannel(lobby.id, {text});
        const q = text.split(' ')[0];
        // user2, a member of the team, may read the list...
        expect((await user2.listChannel(lobby.id, {limit: 5})).todos.map((t) => t.id)).toEqual([there.id]);
        // ...but search, like Mattermost's message search, covers the channels one is in.
        expect((await search(user2, {q})).todos).toEqual([]);
        expect(plain(await chat.privately(stack.user2, shared, `/todo find ${q}`))).toContain(`No todo you can see matches “${q}”.`);
        await admin.addToChannel(stack.user2.id, lobby.id);
        expect((await search(user2, {q})).todos.map((t) => t.id)).toEqual([there.id]);
    });

    test('bad input is refused with a reason', async () => {
        for (const [query, code] of [['', 'invalid_search'], ['q=%26%26%26', 'invalid_search'], ['q=x&state=maybe', 'invalid_state'],
            ['q=x&limit=-1', 'invalid_limit'], ['q=x&limit=1000', 'invalid_limit'], ['q=x&cursor=nope', 'invalid_cursor']] as const) {
            const answer = await user1.request('GET', `/search?${query}`);
            expect([query, answer.status, (answer.json as {code?: string}).code]).toEqual([query, 400, code]);
        }
        expect((await TodoApi.as({...stack.user1, token: ''}, stack.siteURL).request('GET', '/search?q=x')).status).toBe(401);
        expect(await chat.privately(stack.user1, shared, '/todo find')).toContain('Tell me what to look for');
    });
});
