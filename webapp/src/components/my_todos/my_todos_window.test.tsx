// A long Mine: windowed like the channel's list (headings included), read page by page, and
// with memoized rows. Every todo row is counted as it renders, through a memo wrapper that
// compares props the way TodoItem's own memo does.
import {act, screen, waitFor} from '@testing-library/react';
import React from 'react';

import {todoChanged} from '../../actions';
import {TodoClient} from '../../client';
import {createFakeApi} from '../../test/fake_api';
import {changeEvent, makeTodo} from '../../test/fixtures';
import {fakeLayout} from '../../test/layout';
import type {Layout} from '../../test/layout';
import {makeChannel, makeEntities, makeTestStore, renderWithProviders} from '../../test/render_with_providers';
import type {Props as TodoItemProps} from '../todo_item/todo_item';

import MyTodos from './index';

const mockRenders: string[] = [];

jest.mock('../todo_item', () => {
    const actual = jest.requireActual('../todo_item');
    const react = jest.requireActual('react') as typeof React;
    const Real = actual.default as React.ComponentType<TodoItemProps>;
    function Counted(props: TodoItemProps) {
        mockRenders.push(props.todo.id);
        return react.createElement(Real, props);
    }
    return {...actual, __esModule: true, default: react.memo(Counted)};
});

const dev = makeChannel({id: 'dev', display_name: 'Developers', name: 'developers', team_id: 'team1'});
const ops = makeChannel({id: 'ops', display_name: 'Operations', name: 'operations', team_id: 'team1'});

// The element Mine windows its headings and todos in.
const mineRows = '.channel-todo-mine-rows';

const rowsInPage = () => screen.queryAllByRole('checkbox', {name: /^Done: #/}).length;
const headingsInPage = () => screen.queryAllByRole('heading', {level: 3}).length;
const mineReads = (calls: string[]) => calls.filter((c) => c.startsWith('GET /api/users/me/mine'));

/**
 * Mine of `total` todos, answered page by page like the server (limit and cursor) and made up
 * on the fly: a list this long is too slow to build in the fake API. Todo i (from 1) is
 * number i, with text `task i`, in channelOf(i)'s list (personal when undefined).
 */
function pagedMine(total: number, channelOf: (i: number) => string | undefined) {
    const todoAt = (i: number) => {
        const channel = channelOf(i);
        const scope = channel ? {kind: 'channel' as const, channel_id: channel} : {kind: 'personal' as const, user_id: 'user1'};
        return makeTodo({id: `mine${i}`, number: i, text: `task ${i}`, scope, list_id: channel ? `c_${channel}` : 'u_user1', assignees: channel ? ['user1'] : []});
    };
    const calls: string[] = [];
    const answer = (body: unknown) => ({ok: true, status: 200, text: async () => JSON.stringify(body)}) as unknown as Response;
    const fetchFn = async (input: string) => {
        const url = new URL(input, 'http://localhost');
        calls.push(`GET ${url.pathname}${url.search}`);
        const from = Number(url.searchParams.get('cursor') ?? 0);
        const to = Math.min(total, from + Number(url.searchParams.get('limit')));
        const page = Array.from({length: to - from}, (_, k) => todoAt(from + k + 1));
        return answer({todos: page, version: 0, ...(to < total ? {next_cursor: String(to)} : {})});
    };
    return {client: new TodoClient('/api', fetchFn, '/site'), calls};
}

function renderMine(client: TodoClient) {
    const store = makeTestStore(makeEntities([dev, ops], 'dev'));
    renderWithProviders(<MyTodos client={client}/>, {store});
    return store;
}

// Scrolls to the end until every page is read and the last todo is in the page.
async function scrollToEnd(layout: Layout, end: number, last: string) {
    for (let i = 0; i < 1000 && !screen.queryByRole('checkbox', {name: last}); i++) {
        await layout.scrollTo(end);
    }
    expect(screen.getByRole('checkbox', {name: last})).toBeInTheDocument();
}

let layout: Layout | undefined;
afterEach(() => {
    layout?.restore();
    layout = undefined;
    mockRenders.length = 0;
    delete (window as {PostUtils?: unknown}).PostUtils;
});

describe('a long Mine', () => {
    it('keeps only the rows near the viewport in the page, headings included, with 1,000 todos', async () => {
        // Personal, Developers and Operations in turns; Operations' last todo ends the list.
        const channelOf = (i: number) => [undefined, 'dev', 'ops', 'ops'][i % 4];
        const mine = pagedMine(1000, channelOf);
        const height = 100 + (1003 * 56);
        layout = fakeLayout({viewport: 600, contentHeight: height, list: mineRows});
        renderMine(mine.client);

        expect(await screen.findByText('task 4')).toBeInTheDocument();
        expect(mineReads(mine.calls)).toEqual(['GET /api/users/me/mine?state=open&limit=50']);
        expect(rowsInPage()).toBeGreaterThan(0);
        expect(rowsInPage() + headingsInPage()).toBeLessThanOrEqual(30);

        await scrollToEnd(layout, height - 600, 'Done: #999');
        expect(mineReads(mine.calls)).toHaveLength(6);
        expect(rowsInPage() + headingsInPage()).toBeLessThanOrEqual(30);
        expect(screen.queryByText('task 4')).not.toBeInTheDocument();

        // Its heading is far above, yet its todos are still named by their channel.
        expect(headingsInPage()).toBe(0);
        expect(screen.getByRole('region', {name: 'Operations'})).toHaveTextContent('task 999');

        // Back at the top, the headings come back.
        await layout.scrollTo(0);
        expect(await screen.findByRole('heading', {level: 3, name: 'Personal'})).toBeInTheDocument();
        expect(rowsInPage() + headingsInPage()).toBeLessThanOrEqual(30);
    }, 120_000);

    it('keeps the rows in the page bounded in a Mine of 100,000 todos as page after page is read', async () => {
        // The first 10,050 of them (51 reads): every page read costs more as the list grows,
        // and all 500 would take minutes here.
        const total = 100_000;
        const read = 10_050;
        const mine = pagedMine(total, (i) => (i <= 5000 ? 'dev' : 'ops'));
        const height = 100 + ((read + 2) * 56);
        layout = fakeLayout({viewport: 600, contentHeight: height, list: mineRows});
        renderMine(mine.client);

        expect(await screen.findByText('task 1')).toBeInTheDocument();
        expect(rowsInPage() + headingsInPage()).toBeLessThanOrEqual(30);

        await scrollToEnd(layout, height - 600, `Done: #${read}`);
        expect(mineReads(mine.calls).length).toBeGreaterThanOrEqual(51);
        expect(rowsInPage() + headingsInPage()).toBeLessThanOrEqual(30);
        expect(screen.getByRole('region', {name: 'Operations'})).toHaveTextContent(`task ${read}`);
    }, 300_000);

    it('keeps the row with focus in the page while the list scrolls away from it', async () => {
        const height = 100 + (301 * 56);
        layout = fakeLayout({viewport: 600, contentHeight: height, list: mineRows});
        renderMine(pagedMine(300, () => undefined).client);

        const first = await screen.findByRole('checkbox', {name: 'Done: #1'});
        act(() => first.focus());
        await scrollToEnd(layout, height - 600, 'Done: #300');

        // (The rows between it and the viewport stay too, as in the channel's list.)
        expect(screen.getByRole('checkbox', {name: 'Done: #1'})).toHaveFocus();
        expect(screen.getByRole('checkbox', {name: 'Done: #300'})).toBeInTheDocument();
    }, 120_000);

    it('renders only the rows that come into view as the window moves', async () => {
        const api = createFakeApi();
        for (let i = 1; i <= 100; i++) {
            api.seed('dev', `chore ${i}`, {assignees: ['user1']});
        }
        layout = fakeLayout({viewport: 600, contentHeight: 100 + (101 * 56), list: mineRows});
        renderMine(api.client);
        await screen.findByText('chore 1');
        await screen.findByRole('group', {name: 'Actions for #1'});
        const before = new Set(screen.getAllByRole('checkbox', {name: /^Done: #/}).map((c) => c.closest('li')!.dataset.todoId!));
        mockRenders.length = 0;

        // Down by twenty rows: rows come in at the bottom, the ones that stay are not rendered again.
        await layout.scrollTo(20 * 56);
        await waitFor(() => expect(screen.queryByText('chore 1')).not.toBeInTheDocument());
        expect(mockRenders.length).toBeGreaterThan(0);
        const after = screen.getAllByRole('checkbox', {name: /^Done: #/}).map((c) => c.closest('li')!.dataset.todoId!);
        expect(after.filter((id) => before.has(id)).length).toBeGreaterThan(0);
        expect(mockRenders.filter((id) => before.has(id))).toEqual([]);
    }, 120_000);

    it('renders again only the todo a live change touched', async () => {
        const formatText = jest.fn((text: string) => text);
        (window as {PostUtils?: unknown}).PostUtils = {formatText, messageHtmlToComponent: (html: string) => html};
        const api = createFakeApi();
        const todos = [];
        for (let i = 1; i <= 100; i++) {
            todos.push(api.seed('dev', `chore ${i}`, {assignees: ['user1']}));
        }
        layout = fakeLayout({viewport: 600, contentHeight: 100 + (101 * 56), list: mineRows});
        const store = renderMine(api.client);
        await screen.findByText('chore 1');
        await screen.findByRole('group', {name: 'Actions for #1'});
        await waitFor(() => expect(formatText).toHaveBeenCalledTimes(rowsInPage()));
        mockRenders.length = 0;
        formatText.mockClear();

        // Someone else edits it: Mine reads its page again and shows the change.
        const changed = {...todos[1], text: 'chore 2, changed', updated_at: todos[1].updated_at + 1};
        api.todos.set(changed.id, changed);
        act(() => {
            store.dispatch(todoChanged(changeEvent(changed, 2)));
        });

        expect(await screen.findByText('chore 2, changed')).toBeInTheDocument();
        expect(mockRenders).toEqual([changed.id]);
        await waitFor(() => expect(formatText).toHaveBeenCalled());
        expect(formatText.mock.calls.map(([text]) => text)).toEqual(['chore 2, changed']);
        expect(rowsInPage() + headingsInPage()).toBeLessThanOrEqual(30);
    }, 120_000);
});
