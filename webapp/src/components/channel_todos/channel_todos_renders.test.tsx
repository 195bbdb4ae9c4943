// What the sidebar's time to its first todo rests on: the first page read with the tool
// question is in the DOM in the very commit that mounts the list (no "Loading…" frame and no
// second task for the rows), that commit makes only the rows that fill the viewport, and a
// render of the list that changes nothing of a row does not render it again.
import {act, screen} from '@testing-library/react';
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
        await screen.findByRole('checkbox', {name: 'Done: #1'});

        // The page has no layout: rows are estimated at 56 px in an 800 px viewport, so 15 fill it.
        expect(rowsAtCommit[0]).toBe(15);
        expect(screen.queryByText('Loading…')).not.toBeInTheDocument();

        // The next render, knowing the viewport, adds the rows beyond its edge.
        expect(rowsAtCommit.at(-1)).toBe(15 + 8);

        // The first page is not read again (the next one is: nothing is laid out, so the end is near).
        expect(api.calls.filter((c) => c.startsWith('GET /api/channels/c1/todos') && !c.includes('cursor='))).toEqual([]);
    });

    it('renders each shown row once until a change touches it', async () => {
        const {api, page, todos} = await firstPage(3);
        const store = makeTestStore(makeEntities([c1], 'c1'));
        renderWithProviders(
            <ChannelTodos
                channelId='c1'
                client={api.client}
                initialPage={page}
            />,
            {store},
        );
        await screen.findByRole('checkbox', {name: 'Done: #3'});
        expect([...rendered].sort()).toEqual(todos.map((t) => t.id).sort());

        rendered.length = 0;
        act(() => {
            store.dispatch(todoChanged(changeEvent({...todos[1], text: 'two, changed'}, page.version + 1)));
        });
        await screen.findByText('two, changed');
        expect(rendered).toEqual([todos[1].id]);
    });
});
