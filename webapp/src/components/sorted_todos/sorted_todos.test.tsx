import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {createFakeApi} from '../../test/fake_api';
import type {FakeApi} from '../../test/fake_api';
import {makeChannel, makeEntities, makeTestStore, renderWithProviders} from '../../test/render_with_providers';
import ChannelTodos from '../channel_todos';

const c1 = makeChannel({id: 'c1', display_name: 'Channel One'});

function setup(api: FakeApi) {
    const store = makeTestStore(makeEntities([c1], 'c1'));
    const user = userEvent.setup();
    renderWithProviders(
        <ChannelTodos
            channelId='c1'
            client={api.client}
        />,
        {store},
    );
    return {api, user};
}

/** The texts of the open todos shown, in order (the sorted view's list, or the plain one). */
function shown(): string[] {
    const list = document.querySelector('.channel-todo-sorted') ?? screen.queryAllByRole('list').find((l) => !l.closest('details'));
    return list ? within(list as HTMLElement).queryAllByRole('listitem').map((li) => li.querySelector('.channel-todo-text')?.textContent ?? '') : [];
}

describe('priorities in the sidebar', () => {
    it('shows a badge and sets the priority from the row\'s actions', async () => {
        const api = createFakeApi();
        const todo = api.seed('c1', 'fix the build', {priority: 'high'});
        const {user} = setup(api);
        const row = (await screen.findByText('fix the build')).closest('li')!;
        expect(within(row).getByText('High')).toHaveClass('channel-todo-priority--high');

        await user.click(await within(row).findByRole('button', {name: 'Priority'}));
        await user.selectOptions(within(row).getByRole('combobox', {name: 'Priority of #1'}), 'Low');
        await user.click(within(row).getByRole('button', {name: 'Save'}));

        // The badge, not the editor's option of the same name: the editor closes once saved.
        await waitFor(() => expect(row.querySelector('.channel-todo-priority--low')).toHaveTextContent('Low'));
        expect(within(row).queryByRole('combobox', {name: 'Priority of #1'})).not.toBeInTheDocument();
        expect(api.todos.get(todo.id)?.priority).toBe('low');
        expect(api.bodies.at(-1)).toEqual({method: 'PATCH', path: `/api/todos/${todo.id}`, body: {priority: 'low'}});
    });

    it('shows why a priority was refused and keeps the editor open', async () => {
        const api = createFakeApi();
        api.seed('c1', 'fix the build');
        const {user} = setup(api);
        const row = (await screen.findByText('fix the build')).closest('li')!;
        expect(row.querySelector('.channel-todo-priority')).toBeNull();
        await user.click(await within(row).findByRole('button', {name: 'Priority'}));
        api.failNext('PATCH', /\/todos\//, 403, 'forbidden', 'You do not have permission to do that.');
        await user.selectOptions(within(row).getByRole('combobox', {name: 'Priority of #1'}), 'High');
        await user.click(within(row).getByRole('button', {name: 'Save'}));
        expect(await within(row).findByRole('alert')).toHaveTextContent('You do not have permission to do that.');
        expect(within(row).getByRole('combobox', {name: 'Priority of #1'})).toBeInTheDocument();
        expect(row.querySelector('.channel-todo-priority')).toBeNull();
    });

    it('sends the add box\'s line to be read like /todo add', async () => {
        const api = createFakeApi();
        const {user} = setup(api);
        await screen.findByText('No todos yet');
        await user.type(screen.getByRole('textbox', {name: 'Add a todo'}), 'Ship it @bob !high{Enter}');
        await screen.findByRole('checkbox', {name: 'Done: #1'});
        expect(api.bodies.at(-1)).toEqual({method: 'POST', path: '/api/channels/c1/todos', body: {text: 'Ship it @bob !high', parse: true}});
    });
});

describe('sorting and filtering the channel\'s list', () => {
    it('sorts by priority and by due date, narrows to one priority and to mine, and back', async () => {
        const api = createFakeApi();
        api.seed('c1', 'a', {priority: 'low', due: {date: '2026-12-03'}});
        api.seed('c1', 'b', {priority: 'high'});
        api.seed('c1', 'c', {priority: 'medium', due: {date: '2026-12-01'}, assignees: ['user1']});
        api.seed('c1', 'd', {priority: 'high', due: {date: '2026-12-02', time: '09:00'}, assignees: ['user1']});
        const {user} = setup(api);
        await screen.findByText('d');
        expect(shown()).toEqual(['a', 'b', 'c', 'd']);

        const sort = screen.getByRole('combobox', {name: 'Sort'});
        await user.selectOptions(sort, 'Priority');
        await waitFor(() => expect(shown()).toEqual(['b', 'd', 'c', 'a']));
        expect(api.calls.at(-1)).toBe('GET /api/channels/c1/todos?state=open&sort=priority&limit=50');

        await user.selectOptions(sort, 'Due date');
        await waitFor(() => expect(shown()).toEqual(['c', 'd', 'a', 'b']));

        await user.selectOptions(screen.getByRole('combobox', {name: 'Priority'}), 'High');
        await waitFor(() => expect(shown()).toEqual(['d', 'b']));

        await user.click(screen.getByRole('checkbox', {name: 'Assigned to me'}));
        await waitFor(() => expect(shown()).toEqual(['d']));
        expect(api.calls.at(-1)).toBe('GET /api/channels/c1/todos?state=open&sort=due&priority=high&assignee=me&limit=50');

        await user.selectOptions(screen.getByRole('combobox', {name: 'Priority'}), 'Low');
        expect(await screen.findByText('No open todos match')).toBeInTheDocument();

        await user.click(screen.getByRole('checkbox', {name: 'Assigned to me'}));
        await user.selectOptions(screen.getByRole('combobox', {name: 'Priority'}), 'Any');
        await user.selectOptions(sort, 'List order');
        await waitFor(() => expect(shown()).toEqual(['a', 'b', 'c', 'd']));
        expect(document.querySelector('.channel-todo-sorted')).toBeNull();
    });

    it('reads the sorted view again after a change made in it', async () => {
        const api = createFakeApi();
        api.seed('c1', 'low one', {priority: 'low'});
        api.seed('c1', 'high one', {priority: 'high'});
        const {user} = setup(api);
        await screen.findByText('high one');
        await user.selectOptions(screen.getByRole('combobox', {name: 'Sort'}), 'Priority');
        await waitFor(() => expect(shown()).toEqual(['high one', 'low one']));

        const row = screen.getByText('low one').closest('li')!;
        await user.click(await within(row).findByRole('button', {name: 'Priority'}));
        await user.selectOptions(within(row).getByRole('combobox', {name: 'Priority of #1'}), 'High');
        await user.click(within(row).getByRole('button', {name: 'Save'}));
        // Both high now: the list's own order decides.
        await waitFor(() => expect(shown()).toEqual(['low one', 'high one']));

        await user.click(screen.getByRole('checkbox', {name: 'Done: #2'}));
        await waitFor(() => expect(shown()).toEqual(['low one']));
    });

    it('pages a long sorted list with its cursor, in order', async () => {
        const api = createFakeApi();
        for (let n = 1; n <= 60; n++) {
            api.seed('c1', `t${n}`, {priority: n % 2 === 0 ? 'high' : 'low'});
        }
        const {user} = setup(api);
        await screen.findByText('t1');
        await user.selectOptions(screen.getByRole('combobox', {name: 'Sort'}), 'Priority');
        const evens = Array.from({length: 30}, (_, i) => `t${(i + 1) * 2}`);
        const odds = Array.from({length: 30}, (_, i) => `t${(i * 2) + 1}`);
        await waitFor(() => expect(shown()).toEqual([...evens, ...odds].slice(0, 50)));
        await user.click(screen.getByRole('button', {name: 'Show more'}));
        await waitFor(() => expect(shown()).toEqual([...evens, ...odds]));
        expect(screen.queryByRole('button', {name: 'Show more'})).not.toBeInTheDocument();
        expect(api.calls.at(-1)).toBe('GET /api/channels/c1/todos?state=open&sort=priority&cursor=50&limit=200');
    });
});

describe('recurring todos in the sidebar', () => {
    it('says how a todo repeats', async () => {
        const api = createFakeApi();
        api.seed('c1', 'water the plants', {recur: 'monday', due: {date: '2026-11-30'}});
        api.seed('c1', 'pay rent', {recur: 'month'});
        setup(api);
        const plants = (await screen.findByText('water the plants')).closest('li')!;
        expect(within(plants).getByText('Every Monday')).toHaveClass('channel-todo-recur');
        const rent = screen.getByText('pay rent').closest('li')!;
        expect(within(rent).getByText('Every month')).toBeInTheDocument();
    });
});

describe('setting a recurrence in the sidebar', () => {
    it('repeats a todo from the row\'s actions, and stops it', async () => {
        const api = createFakeApi();
        const todo = api.seed('c1', 'water the plants');
        const {user} = setup(api);
        const row = (await screen.findByText('water the plants')).closest('li')!;
        await user.click(await within(row).findByRole('button', {name: 'Repeat'}));
        await user.selectOptions(within(row).getByRole('combobox', {name: 'Repeat #1'}), 'Every Monday');
        await user.click(within(row).getByRole('button', {name: 'Save'}));
        await waitFor(() => expect(row.querySelector('.channel-todo-recur')).toHaveTextContent('Every Monday'));
        expect(within(row).queryByRole('combobox', {name: 'Repeat #1'})).not.toBeInTheDocument();
        expect(api.bodies.at(-1)).toEqual({method: 'PATCH', path: `/api/todos/${todo.id}`, body: {recur: 'monday'}});

        await user.click(await within(row).findByRole('button', {name: 'Repeat'}));
        await user.selectOptions(within(row).getByRole('combobox', {name: 'Repeat #1'}), 'Never');
        await user.click(within(row).getByRole('button', {name: 'Save'}));
        await waitFor(() => expect(row.querySelector('.channel-todo-recur')).toBeNull());
        expect(api.todos.get(todo.id)?.recur).toBeUndefined();
    });
});
