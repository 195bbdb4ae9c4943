import {makeTodo} from '../test/fixtures';
import type {TodoPage} from '../types/todo';

import {errorMessage, readAllPages} from './use_todo_actions';

describe('readAllPages', () => {
    const todos = Array.from({length: 5}, (_, i) => makeTodo({text: `t${i}`}));

    // A server that answers two todos a page, its version moving after the first page.
    function server() {
        const asked: Array<string | undefined> = [];
        let version = 7;
        const read = async ({limit, cursor}: {limit: number; cursor?: string}): Promise<TodoPage> => {
            asked.push(cursor);
            const from = cursor ? Number(cursor) : 0;
            const to = Math.min(from + Math.min(limit, 2), todos.length);
            const page = {todos: todos.slice(from, to), version, next_cursor: to < todos.length ? String(to) : undefined};
            version++;
            return page;
        };
        return {read, asked};
    }

    it('follows the cursor to the end and keeps the first page\'s version', async () => {
        const {read, asked} = server();
        const page = await readAllPages(read);
        expect(page.todos.map((t) => t.text)).toEqual(['t0', 't1', 't2', 't3', 't4']);
        expect(page.version).toBe(7);
        expect(asked).toEqual([undefined, '2', '4']);
    });

    it('passes a failed page on', async () => {
        await expect(readAllPages(async () => {
            throw new Error('offline');
        })).rejects.toThrow('offline');
    });
});

describe('errorMessage', () => {
    it.each([
        {thrown: new Error('boom'), want: 'boom'},
        {thrown: 'plain', want: 'plain'},
        {thrown: 42, want: '42'},
    ])('reads $want', ({thrown, want}) => {
        expect(errorMessage(thrown)).toBe(want);
    });
});
