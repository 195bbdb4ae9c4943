// What the sidebar's time to its first todo rests on: the first page read with the tool
// question is in the DOM in the very commit that mounts the list (no "Loading…" frame and no
// second task for the rows), the frame makes only the rows that fill the viewport and holds
// their action bars back until it is painted, and a render of the list that changes nothing
// of a row does not render it again.
import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';
import React, {Profiler} from 'react';

import {todoChanged} from '../../actions';
import {createFakeApi} from '../../test/fake_api';
import {changeEvent} from '../../test/fixtures';
import {makeChannel, makeEntities, makeTestStore, renderWithProviders} from '../../test/render_with_providers';
import type {Props as TodoItemProps} from '../todo_item/todo_item';

import ChannelTodos from './index';

const rendered: string[] = [];

// The real row, counting its renders (memoized as the real one is).
jest.mock('../todo_item', () => {
    const actual = jest.requireActual('../todo_item');
    const ReactInMock = jest.requireActual('react');
    const inner = actual.default.type as (props: TodoItemProps) => React.ReactElement;
    const Counted = ReactInMock.memo((props: TodoItemProps) => {
        rendered.push(props.todo.id);
        return inner(props);
    });
    return {__esModule: true, ...actual, default: Counted};
});

const c1 = makeChannel({id: 'c1', display_name: 'Channel One'});

async function firstPage(count: number) {
    const api = createFakeApi();
    const todos = Array.from({length: count}, (_, i) => api.seed('c1', `todo ${i + 1}`));
    const page = await api.client.listChannelTodos('c1', {state: 'all', limit: 50});
    api.calls.length = 0;
    return {api, todos, page};
}

/** Mounts the list of a channel of count todos with its first page read ahead. */
async function mountWithFirstPage(count: number) {
    const first = await firstPage(count);
    const store = makeTestStore(makeEntities([c1], 'c1'));
    renderWithProviders(
        <ChannelTodos
            channelId='c1'
            client={first.api.client}
            initialPage={first.page}
        />,
        {store},
    );
    return {...first, store};
}

describe('ChannelTodos, the first page read with the tool question', () => {
    beforeEach(() => {
        rendered.length = 0;
    });

    it('is in the DOM in the commit that mounts the list, with only the rows that fill the viewport', async () => {
        const {api, page} = await firstPage(60);
        const rowsAtCommit: number[] = [];
        const store = makeTestStore(makeEntities([c1], 'c1'));
        renderWithProviders(
            <Profiler
                id='list'
                onRender={() => rowsAtCommit.push(document.querySelectorAll('[data-todo-id]').length)}
            >
                <ChannelTodos
                    channelId='c1'
                    client={api.client}
                    initialPage={page}
                />
            </Profiler>,
            {store},
        );
        const rowsInPage = () => document.querySelectorAll('[data-todo-id]').length;
        const bars = () => screen.queryAllByRole('group', {name: /^Actions for #/});

        // Every commit before the first paint (rendering, then the layout effects that measure
        // the list) has the rows that fill the viewport and nothing else. The page has no
        // layout: rows are estimated at 56 px in an 800 px viewport, so 15 fill it.
        expect(screen.getByRole('checkbox', {name: 'Done: #1'})).toBeInTheDocument();
        expect(rowsAtCommit[0]).toBe(15);
        expect(rowsAtCommit.every((n) => n === 15)).toBe(true);
        expect(rowsInPage()).toBe(15);
        expect(bars()).toEqual([]);
        expect(screen.queryByText('Loading…')).not.toBeInTheDocument();

        // Once painted, the rows beyond the viewport's edge come, and every row's action bar.
        await waitFor(() => expect(rowsInPage()).toBe(15 + 8));
        expect(bars()).toHaveLength(15 + 8);
        expect(within(screen.getByRole('group', {name: 'Actions for #1'})).getByRole('button', {name: 'Edit'})).toBeInTheDocument();

        // The first page is not read again (the next one is: nothing is laid out, so the end is near).
        expect(api.calls.filter((c) => c.startsWith('GET /api/channels/c1/todos') && !c.includes('cursor='))).toEqual([]);
    });

    it('shows a row\'s action bar at once when the pointer or the focus enters it before the paint', async () => {
        await mountWithFirstPage(60);
        expect(screen.queryByRole('group', {name: 'Actions for #2'})).not.toBeInTheDocument();

        // The keyboard reaches the row first: its actions follow its checkbox in the tab order.
        act(() => screen.getByRole('checkbox', {name: 'Done: #2'}).focus());
        const bar = screen.getByRole('group', {name: 'Actions for #2'});
        expect(within(bar).getByRole('button', {name: 'Delete'})).toBeInTheDocument();
        expect(screen.getByRole('checkbox', {name: 'Done: #2'}).compareDocumentPosition(bar) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

        fireEvent.pointerOver(screen.getByRole('checkbox', {name: 'Done: #5'}).closest('li')!);
        expect(within(screen.getByRole('group', {name: 'Actions for #5'})).getByRole('button', {name: 'Edit'})).toBeInTheDocument();
        expect(screen.queryByRole('group', {name: 'Actions for #3'})).not.toBeInTheDocument();

        await screen.findByRole('group', {name: 'Actions for #3'});
    });

    it('renders each shown row once until a change touches it', async () => {
        const {page, todos, store} = await mountWithFirstPage(3);
        await screen.findByRole('checkbox', {name: 'Done: #3'});
        expect([...rendered].sort()).toEqual(todos.map((t) => t.id).sort());

        // Once painted, each row renders once more, with its action bar.
        await screen.findByRole('group', {name: 'Actions for #3'});
        expect([...rendered].sort()).toEqual([...todos, ...todos].map((t) => t.id).sort());

        rendered.length = 0;
        act(() => {
            store.dispatch(todoChanged(changeEvent({...todos[1], text: 'two, changed'}, page.version + 1)));
        });
        await screen.findByText('two, changed');
        expect(rendered).toEqual([todos[1].id]);
    });
});
