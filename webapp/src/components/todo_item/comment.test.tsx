import {screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {repliesChanged} from '../../actions';
import {makeEntities, makeTestStore, renderWithProviders} from '../../test/render_with_providers';
import type {Todo} from '../../types/todo';

import TodoItem from './todo_item';

const base: Todo = {
    id: 'todo1', list_id: 'channel:dev', scope: {kind: 'channel', channel_id: 'dev'}, number: 4, text: 'book the room',
    state: 'open', position: 1, creator_id: 'user1', created_at: 1, updated_at: 1, assignees: [],
} as Todo;

function renderItem(todo: Todo, startThread: (t: Todo) => Promise<string>, store = makeTestStore(makeEntities([], ''))) {
    const noop = jest.fn();
    const later = jest.fn(() => Promise.resolve());
    renderWithProviders(
        <TodoItem
            todo={todo}
            canMoveUp={false}
            canMoveDown={false}
            onToggle={noop}
            onEdit={later}
            onDelete={noop}
            onMove={noop}
            onSetDue={later}
            members={null}
            loadMembers={later}
            startThread={startThread}
        />,
        {store},
    );
}

describe('Comment', () => {
    const push = jest.fn();
    beforeEach(() => {
        push.mockReset();
        (window as {WebappUtils?: unknown}).WebappUtils = {browserHistory: {push}};
    });
    afterEach(() => {
        delete (window as {WebappUtils?: unknown}).WebappUtils;
    });

    it('starts the thread of a todo that has none, then opens it in the client', async () => {
        const startThread = jest.fn(() => Promise.resolve('root1'));
        renderItem(base, startThread);
        await userEvent.setup().click(screen.getByRole('button', {name: 'Comment'}));
        await waitFor(() => expect(push).toHaveBeenCalledWith('/_redirect/pl/root1'));
        expect(startThread).toHaveBeenCalledWith(base);
    });

    it('opens the thread a todo already has, at its root, without asking the server', async () => {
        const startThread = jest.fn(() => Promise.resolve('other'));
        renderItem({...base, post_id: 'reply1', root_id: 'root1'}, startThread);
        await userEvent.setup().click(screen.getByRole('button', {name: 'Comment'}));
        expect(push).toHaveBeenCalledWith('/_redirect/pl/root1');
        expect(startThread).not.toHaveBeenCalled();
    });

    it('shows how many replies the thread has, and nothing for none', () => {
        renderItem({...base, post_id: 'root1', reply_count: 3}, jest.fn());
        expect(screen.getByText('3 replies')).toBeInTheDocument();
    });

    it('shows a reply count announced since the todo was read', () => {
        const store = makeTestStore(makeEntities([], ''));
        store.dispatch(repliesChanged({list_id: base.list_id, channel_id: 'dev', user_id: '', todo_id: base.id, reply_count: 5}));
        renderItem({...base, post_id: 'root1', reply_count: 3}, jest.fn(), store);
        expect(screen.getByText('5 replies')).toBeInTheDocument();
    });

    it('says why a thread could not be started', async () => {
        renderItem(base, jest.fn(() => Promise.reject(new Error('You cannot read this channel.'))));
        await userEvent.setup().click(screen.getByRole('button', {name: 'Comment'}));
        expect(await screen.findByText(/You cannot read this channel/)).toBeInTheDocument();
        expect(push).not.toHaveBeenCalled();
    });
});
