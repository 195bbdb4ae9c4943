import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {createFakeApi} from '../../test/fake_api';
import {fakeLayout} from '../../test/layout';
import type {FakeApi} from '../../test/fake_api';
import {makeChannel, makeDirectChannel, makeEntities, makeGroupChannel, makeTestStore, makeUser, renderWithProviders, withPeople} from '../../test/render_with_providers';

import MyTodos from './index';

const dev = makeChannel({id: 'dev', display_name: 'Developers', name: 'developers', team_id: 'team1'});
const ops = makeChannel({id: 'ops', display_name: 'Operations', name: 'operations', team_id: 'team1'});

// The element Mine windows its headings and todos in (see my_todos_window.test.tsx).
const mineRows = '.channel-todo-mine-rows';

async function setup(api: FakeApi) {
    const store = makeTestStore(makeEntities([dev, ops], 'dev'));
    renderWithProviders(<MyTodos client={api.client}/>, {store});
    const user = userEvent.setup();
    await waitFor(() => expect(screen.queryByText('Loading…')).not.toBeInTheDocument());
    return user;
}

describe('Mine', () => {
    it('groups my todos by channel, personal first, with a link to each channel', async () => {
        const api = createFakeApi();
        api.seed('ops', 'rotate the keys', {assignees: ['user1']});
        api.seed('dev', 'review the pull request', {assignees: ['user1']});
        await api.client.addMyTodo({text: 'water the plants'});
        await setup(api);

        const headings = screen.getAllByRole('heading', {level: 3}).map((h) => h.textContent);
        expect(headings).toEqual(['Personal', 'Developers', 'Operations']);
        expect(screen.getByRole('region', {name: 'Operations'})).toHaveTextContent('rotate the keys');
        expect(screen.getByRole('link', {name: 'Operations'})).toHaveAttribute('href', '/team-one/channels/operations');
        expect(screen.getByRole('region', {name: 'Personal'})).toHaveTextContent('water the plants');
    });

    it('names direct and group messages after their people, with links the web client opens', async () => {
        const bob = makeUser({id: 'user2', username: 'bob', first_name: 'Bob', last_name: 'Builder'});
        const ann = makeUser({id: 'user3', username: 'ann', first_name: 'Ann', last_name: 'Archer'});
        const dm = makeDirectChannel('dm', ['user1', 'user2']);
        const gm = makeGroupChannel('gm', 'ann, bob, me');
        const entities = withPeople(makeEntities([dev, dm, gm], 'dev'), [bob, ann], {inChannel: {gm: ['user1', 'user2', 'user3']}, nameFormat: 'full_name'});
        const api = createFakeApi();
        api.seed('dm', 'return the ladder', {assignees: ['user1']});
        api.seed('gm', 'plan the offsite', {assignees: ['user1']});
        renderWithProviders(<MyTodos client={api.client}/>, {store: makeTestStore(entities)});

        expect(await screen.findByRole('region', {name: 'Bob Builder'})).toHaveTextContent('return the ladder');
        expect(screen.getByRole('link', {name: 'Bob Builder'})).toHaveAttribute('href', '/team-one/messages/@bob');
        expect(screen.getByRole('region', {name: 'Ann Archer, Bob Builder'})).toHaveTextContent('plan the offsite');
        expect(screen.getByRole('link', {name: 'Ann Archer, Bob Builder'})).toHaveAttribute('href', '/team-one/messages/gmhash');
    });

    it('opens a channel inside the web client without reloading the page', async () => {
        const push = jest.fn();
        (window as {WebappUtils?: unknown}).WebappUtils = {browserHistory: {push}};
        try {
            const api = createFakeApi();
            api.seed('dev', 'review the pull request', {assignees: ['user1']});
            const user = await setup(api);

            await user.click(screen.getByRole('link', {name: 'Developers'}));
            expect(push).toHaveBeenCalledWith('/team-one/channels/developers');
        } finally {
            delete (window as {WebappUtils?: unknown}).WebappUtils;
        }
    });

    it('edits a todo on the server', async () => {
        const api = createFakeApi();
        const todo = api.seed('dev', 'reveiw the PR', {assignees: ['user1']});
        const user = await setup(api);

        await user.click(await screen.findByRole('button', {name: 'Edit'}));
        const editor = screen.getByRole('textbox', {name: `Edit todo #${todo.number}`});
        await user.clear(editor);
        await user.type(editor, 'review the PR{Enter}');

        expect(await screen.findByText('review the PR')).toBeInTheDocument();
        expect(api.todos.get(todo.id)?.text).toBe('review the PR');
    });

    it('deletes on the server and restores it there with Undo', async () => {
        const api = createFakeApi();
        const todo = await api.client.addMyTodo({text: 'call the bank'});
        const user = await setup(api);

        await user.click(await screen.findByRole('button', {name: 'Delete'}));
        const status = await screen.findByRole('status');
        expect(status).toHaveTextContent(`Deleted #${todo.number}.`);
        expect(screen.queryByText('call the bank')).not.toBeInTheDocument();
        expect(api.todos.get(todo.id)?.deleted_at).toBeTruthy();

        await user.click(within(status).getByRole('button', {name: 'Undo'}));
        expect(await screen.findByText('call the bank')).toBeInTheDocument();
        expect(api.todos.get(todo.id)?.deleted_at).toBeFalsy();
        expect(api.calls).toContain(`POST /api/todos/${todo.id}/restore`);
    });

    it('shows why a delete failed and keeps the todo', async () => {
        const api = createFakeApi();
        await api.client.addMyTodo({text: 'call the bank'});
        const user = await setup(api);

        api.failNext('DELETE', /\/todos\//, 403, 'forbidden', 'You cannot change this list.');
        await user.click(await screen.findByRole('button', {name: 'Delete'}));

        expect(await screen.findByRole('alert')).toHaveTextContent('You cannot change this list.');
        expect(await screen.findByText('call the bank')).toBeInTheDocument();
        expect(screen.queryByRole('status')).not.toBeInTheDocument();
    });

    it('sets and clears a due date', async () => {
        const api = createFakeApi();
        const todo = await api.client.addMyTodo({text: 'file the taxes'});
        const user = await setup(api);

        await user.click(await screen.findByRole('button', {name: 'Due date'}));
        await user.type(screen.getByLabelText(`Due date for #${todo.number}`), '2031-04-15');
        await user.click(screen.getByRole('button', {name: 'Save'}));
        expect(await screen.findByText('Due 2031-04-15')).toBeInTheDocument();
        expect(api.todos.get(todo.id)?.due).toEqual({date: '2031-04-15'});

        await user.click(await screen.findByRole('button', {name: 'Due date'}));
        await user.click(screen.getByRole('button', {name: 'Clear due date'}));
        await waitFor(() => expect(screen.queryByText(/^Due \d/)).not.toBeInTheDocument());
        expect(api.todos.get(todo.id)?.due).toBeUndefined();
    });

    it('offers Assign only for channel todos', async () => {
        const api = createFakeApi();
        api.seed('dev', 'review the pull request', {assignees: ['user1']});
        await api.client.addMyTodo({text: 'water the plants'});
        await setup(api);

        expect(await within(screen.getByRole('region', {name: 'Developers'})).findByRole('button', {name: 'Assign'})).toBeInTheDocument();
        expect(within(screen.getByRole('region', {name: 'Personal'})).queryByRole('button', {name: 'Assign'})).not.toBeInTheDocument();
    });

    it('shows the first page at once and reads further pages as the user scrolls, with no cap', async () => {
        const api = createFakeApi();
        for (let i = 1; i <= 450; i++) {
            await api.client.addMyTodo({text: `chore ${i}`});
        }
        const layout = fakeLayout({viewport: 600, contentHeight: 100 + (450 * 56), list: mineRows});
        try {
            await setup(api);
            const reads = () => api.calls.filter((c) => c.startsWith('GET /api/users/me/mine'));

            expect(await screen.findByText('chore 1')).toBeInTheDocument();
            expect(reads()).toEqual(['GET /api/users/me/mine?state=open&limit=50']);

            await layout.scrollTo(100 + (450 * 56) - 600);
            expect(await screen.findByText('chore 450')).toBeInTheDocument();
            expect(reads()).toEqual([
                'GET /api/users/me/mine?state=open&limit=50',
                'GET /api/users/me/mine?state=open&limit=200&cursor=50',
                'GET /api/users/me/mine?state=open&limit=200&cursor=250',
            ]);
        } finally {
            layout.restore();
        }
    });

    it('sorts and narrows on the server, keeping the order across channels', async () => {
        const api = createFakeApi();
        api.seed('dev', 'review the pull request', {assignees: ['user1'], priority: 'low'});
        await api.client.addMyTodo({text: 'water the plants', priority: 'high'});
        api.seed('ops', 'rotate the keys', {assignees: ['user1'], priority: 'high'});
        api.seed('dev', 'fix the build', {assignees: ['user1', 'user2'], priority: 'medium'});
        const user = await setup(api);
        const reads = () => api.calls.filter((c) => c.startsWith('GET /api/users/me/mine'));
        const headings = () => screen.getAllByRole('heading', {level: 3}).map((h) => h.textContent);
        const texts = () => screen.getAllByRole('listitem').map((li) => li.textContent ?? '');

        expect(headings()).toEqual(['Personal', 'Developers', 'Operations']);

        await user.selectOptions(screen.getByRole('combobox', {name: 'Sort'}), 'Priority');
        await waitFor(() => expect(headings()).toEqual(['Personal', 'Operations', 'Developers']));
        expect(reads().at(-1)).toBe('GET /api/users/me/mine?state=open&sort=priority&limit=50');
        const order = ['water the plants', 'rotate the keys', 'fix the build', 'review the pull request'];
        expect(texts().map((t) => order.findIndex((o) => t.includes(o)))).toEqual([0, 1, 2, 3]);

        await user.selectOptions(screen.getByRole('combobox', {name: 'Priority'}), 'High');
        await waitFor(() => expect(screen.queryByText('fix the build')).not.toBeInTheDocument());
        expect(reads().at(-1)).toBe('GET /api/users/me/mine?state=open&sort=priority&priority=high&limit=50');
        expect(screen.getByText('rotate the keys')).toBeInTheDocument();

        await user.selectOptions(screen.getByRole('combobox', {name: 'Priority'}), 'Low');
        await user.click(screen.getByRole('checkbox', {name: 'Assigned to me'}));
        await waitFor(() => expect(reads().at(-1)).toBe('GET /api/users/me/mine?state=open&sort=priority&priority=low&assignee=me&limit=50'));
        expect(await screen.findByText('review the pull request')).toBeInTheDocument();
        expect(screen.queryByText('water the plants')).not.toBeInTheDocument();

        await user.selectOptions(screen.getByRole('combobox', {name: 'Priority'}), 'Medium');
        await user.selectOptions(screen.getByRole('combobox', {name: 'Sort'}), 'Oldest first');
        expect(await screen.findByText('fix the build')).toBeInTheDocument();
        await user.selectOptions(screen.getByRole('combobox', {name: 'Priority'}), 'No priority');
        expect(await screen.findByText('No open todos match')).toBeInTheDocument();
    });
});
