import {act, screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {toolChanged} from '../../actions';
import {createFakeApi} from '../../test/fake_api';
import type {FakeApi} from '../../test/fake_api';
import {makeChannel, makeEntities, makeTestStore, renderWithProviders} from '../../test/render_with_providers';
import type {ToolItem, ToolResult, ToolVerb} from '../../types/todo';
import Sidebar from '../sidebar';

const town = makeChannel({id: 'town', display_name: 'Town Square', name: 'town-square'});

// A todo.txt-like tool: numbered lines, done ones kept, deleted ones gone. When
// parsed is false it answers with its printed list only, like the `todo` preset.
function fakeTool({parsed}: {parsed: boolean}) {
    const items: ToolItem[] = [];
    let next = 1;
    const runs: Array<[ToolVerb, string]> = [];
    const answer = (verb: ToolVerb, extra: Partial<ToolResult> = {}): ToolResult => ({
        active: true,
        preset: parsed ? 'todo.txt' : 'todo',
        verb,
        ok: true,
        text: items.map((i) => `${i.id} ${i.done ? 'x ' : ''}${i.text}`).join('\n'),
        parsed,
        items: parsed ? [...items] : [],
        ...extra,
    });
    const run = (verb: ToolVerb, arg: string): ToolResult => {
        runs.push([verb, arg]);
        const item = items.find((i) => i.id === arg);
        switch (verb) {
        case 'add': {
            const id = String(next++);
            items.push({id, key: id, text: arg, done: false});
            return answer(verb, {text: `${id} ${arg}`, items: []});
        }
        case 'done':
        case 'delete':
            if (!item) {
                return answer(verb, {ok: false, kind: 'tool_failed', text: `TODO: No task ${arg}.`, reply: `Error running \`${verb}\`: TODO: No task ${arg}.`, items: []});
            }
            if (verb === 'done') {
                item.done = true;
            } else {
                items.splice(items.indexOf(item), 1);
            }
            return answer(verb, {text: '', items: []});
        }
        return answer(verb);
    };
    return {run, runs, items};
}

function setup(api: FakeApi, store = makeTestStore(makeEntities([town], 'town'))) {
    renderWithProviders(<Sidebar client={api.client}/>, {store});
    return userEvent.setup();
}

describe('A list kept by a command-line tool', () => {
    it('shows parsed items and maps add, done and delete to the tool', async () => {
        const api = createFakeApi();
        const tool = fakeTool({parsed: true});
        tool.run('add', 'buy milk');
        tool.run('add', 'call mum');
        tool.runs.length = 0;
        api.setTool('c_town', tool.run);
        const user = setup(api);

        expect(await screen.findByText('Kept by the command-line tool todo.txt')).toBeInTheDocument();
        expect(screen.getByText('buy milk')).toBeInTheDocument();
        expect(screen.getByText('call mum')).toBeInTheDocument();

        await user.type(screen.getByRole('textbox', {name: 'Add a todo'}), 'water the plants{Enter}');
        expect(await screen.findByText('water the plants')).toBeInTheDocument();

        await user.click(screen.getByRole('checkbox', {name: 'Done: 1'}));
        await waitFor(() => expect(screen.getByRole('checkbox', {name: 'Done: 1'})).toBeChecked());
        expect(screen.getByRole('checkbox', {name: 'Done: 1'})).toBeDisabled();

        await user.click(screen.getByRole('button', {name: 'Delete 2'}));
        await waitFor(() => expect(screen.queryByText('call mum')).not.toBeInTheDocument());

        expect(tool.runs).toEqual([['list', ''], ['add', 'water the plants'], ['list', ''], ['done', '1'], ['list', ''], ['delete', '2'], ['list', '']]);
        expect(api.calls.filter((c) => c.includes('/todos'))).toEqual([]);
    });

    it('shows the tool\'s own text when it cannot be parsed, and acts by id', async () => {
        const api = createFakeApi();
        const tool = fakeTool({parsed: false});
        tool.run('add', 'buy milk');
        tool.run('add', 'call mum');
        api.setTool('c_town', tool.run);
        const user = setup(api);

        const output = await screen.findByLabelText('The tool\'s list');
        expect(output).toHaveTextContent('1 buy milk');
        expect(output).toHaveTextContent('2 call mum');
        expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();

        const byId = screen.getByRole('group', {name: 'Complete or delete by id'});
        await user.type(within(byId).getByRole('textbox', {name: 'Id'}), '2');
        await user.click(within(byId).getByRole('button', {name: 'Delete'}));
        await waitFor(() => expect(screen.getByLabelText('The tool\'s list')).not.toHaveTextContent('call mum'));
        expect(within(byId).getByRole('textbox', {name: 'Id'})).toHaveValue('');

        await user.type(within(byId).getByRole('textbox', {name: 'Id'}), '1');
        await user.click(within(byId).getByRole('button', {name: 'Done'}));
        await waitFor(() => expect(screen.getByLabelText('The tool\'s list')).toHaveTextContent('1 x buy milk'));
    });

    it.each([true, false])('offers delete only to those the edit policy lets delete, and still offers done (parsed: %s)', async (parsed) => {
        const api = createFakeApi();
        const tool = fakeTool({parsed});
        tool.run('add', 'buy milk');
        api.setTool('c_town', (verb, arg) => ({...tool.run(verb, arg), can_delete: false}));
        const user = setup(api);

        expect(await screen.findByText(/Kept by the command-line tool/)).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: /^Delete/})).not.toBeInTheDocument();
        if (parsed) {
            await user.click(screen.getByRole('checkbox', {name: 'Done: 1'}));
            await waitFor(() => expect(screen.getByRole('checkbox', {name: 'Done: 1'})).toBeChecked());
        } else {
            const byId = screen.getByRole('group', {name: 'Complete by id'});
            expect(within(byId).getByRole('button', {name: 'Done'})).toBeInTheDocument();
        }
    });

    it('shows a system admin what the tool said when the answer leaves it out', async () => {
        const api = createFakeApi();
        const tool = fakeTool({parsed: true});
        tool.run('add', 'buy milk');
        const short = 'The command-line tool that keeps this list reported an error running `done`.';
        api.setTool('c_town', (verb, arg) => (verb === 'done' ? {
            ...tool.run('list', ''), verb, ok: false, kind: 'tool_failed', reply: short,
            detail: 'Error running `done`: Cannot read /var/lib/channel-todo/todo.cfg',
        } : tool.run(verb, arg)));
        const user = setup(api);

        await user.click(await screen.findByRole('checkbox', {name: 'Done: 1'}));
        const alert = await screen.findByText(/reported an error running/);
        expect(alert).toHaveTextContent(short);
        expect(alert).toHaveTextContent('Cannot read /var/lib/channel-todo/todo.cfg');
    });

    it('shows the tool\'s error and keeps the list', async () => {
        const api = createFakeApi();
        const tool = fakeTool({parsed: false});
        tool.run('add', 'buy milk');
        api.setTool('c_town', tool.run);
        const user = setup(api);
        await screen.findByLabelText('The tool\'s list');

        const byId = screen.getByRole('group', {name: 'Complete or delete by id'});
        await user.type(within(byId).getByRole('textbox', {name: 'Id'}), '9');
        await user.click(within(byId).getByRole('button', {name: 'Done'}));

        expect(await screen.findByRole('alert')).toHaveTextContent('Could not run done: Error running `done`: TODO: No task 9.');
        expect(screen.getByLabelText('The tool\'s list')).toHaveTextContent('1 buy milk');
        expect(within(byId).getByRole('textbox', {name: 'Id'})).toHaveValue('9');
    });

    it('keeps a command\'s error when a change announced meanwhile makes it read the list again', async () => {
        const api = createFakeApi();
        const tool = fakeTool({parsed: false});
        tool.run('add', 'buy milk');
        api.setTool('c_town', tool.run);
        const store = makeTestStore(makeEntities([town], 'town'));
        const user = setup(api, store);
        await screen.findByLabelText('The tool\'s list');

        const byId = screen.getByRole('group', {name: 'Complete or delete by id'});
        await user.type(within(byId).getByRole('textbox', {name: 'Id'}), '9');
        await user.click(within(byId).getByRole('button', {name: 'Delete'}));
        expect(await screen.findByRole('alert')).toHaveTextContent('Could not run delete');

        // The announcement of an earlier change arrives late; the list is read again.
        tool.run('add', 'call mum');
        tool.runs.length = 0;
        act(() => {
            store.dispatch(toolChanged({list_id: 'c_town', channel_id: 'town', user_id: '', verb: 'done'}));
        });
        await waitFor(() => expect(screen.getByLabelText('The tool\'s list')).toHaveTextContent('2 call mum'));
        expect(tool.runs).toEqual([['list', '']]);
        expect(screen.getByRole('alert')).toHaveTextContent('Could not run delete: Error running `delete`: TODO: No task 9.');
    });

    it('keeps an id typed while the tool was still running the last one', async () => {
        const api = createFakeApi();
        const tool = fakeTool({parsed: false});
        tool.run('add', 'buy milk');
        tool.run('add', 'call mum');
        api.setTool('c_town', tool.run);

        // The tool answers "done" only when the test lets it.
        let release = () => {};
        const held = new Promise<void>((resolve) => {
            release = resolve;
        });
        const client = Object.create(api.client);
        client.toolRun = async (...args: Parameters<typeof api.client.toolRun>) => {
            await held;
            return api.client.toolRun(...args);
        };
        renderWithProviders(<Sidebar client={client}/>, {store: makeTestStore(makeEntities([town], 'town'))});
        const user = userEvent.setup();
        await screen.findByLabelText('The tool\'s list');

        const byId = screen.getByRole('group', {name: 'Complete or delete by id'});
        const box = within(byId).getByRole('textbox', {name: 'Id'});
        await user.type(box, '1');
        await user.click(within(byId).getByRole('button', {name: 'Done'}));
        await user.clear(box);
        await user.type(box, '2');
        await act(async () => release());

        await waitFor(() => expect(screen.getByLabelText('The tool\'s list')).toHaveTextContent('1 x buy milk'));
        expect(box).toHaveValue('2');
    });

    it('keeps the text in the add box when the request fails', async () => {
        const api = createFakeApi();
        api.setTool('c_town', fakeTool({parsed: true}).run);
        const user = setup(api);
        await screen.findByText('No todos yet');

        api.failNext('POST', /\/channels\/town\/tool$/, 403, 'forbidden', 'You cannot change this list.');
        await user.type(screen.getByRole('textbox', {name: 'Add a todo'}), 'buy milk{Enter}');

        expect(await screen.findByRole('alert')).toHaveTextContent('Could not add the todo: You cannot change this list.');
        expect(screen.getByRole('textbox', {name: 'Add a todo'})).toHaveValue('buy milk');
    });

    it('shows the built-in list when no tool keeps it', async () => {
        const api = createFakeApi();
        api.seed('town', 'kept by the plugin');
        setup(api);

        expect(await screen.findByText('kept by the plugin')).toBeInTheDocument();
        expect(screen.queryByText(/Kept by the command-line tool/)).not.toBeInTheDocument();
        expect(api.calls[0]).toBe('GET /api/channels/town/tool?first_page=50');
    });

    it('shows the built-in list on a server without the tool routes', async () => {
        const api = createFakeApi();
        api.seed('town', 'kept by the plugin');
        api.failNext('GET', /\/channels\/town\/tool$/, 404, 'not_found', 'Not found.');
        setup(api);

        expect(await screen.findByText('kept by the plugin')).toBeInTheDocument();
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('shows my personal list from the tool in Mine, and what is assigned to me in channels under it', async () => {
        const api = createFakeApi();
        const tool = fakeTool({parsed: true});
        tool.run('add', 'renew my passport');
        api.setTool('personal', tool.run);
        api.seed('town', 'review the pull request', {assignees: ['user1']});
        await api.client.addMyTodo({text: 'kept by the plugin before the tool'});
        const user = setup(api);
        await screen.findByText('review the pull request');

        await user.click(screen.getByRole('tab', {name: 'Mine'}));
        expect(await screen.findByText('renew my passport')).toBeInTheDocument();
        expect(await screen.findByRole('region', {name: 'Town Square'})).toHaveTextContent('review the pull request');
        expect(screen.queryByText('kept by the plugin before the tool')).not.toBeInTheDocument();
        expect(screen.getAllByRole('textbox', {name: 'Add a todo'})).toHaveLength(1);
        expect(api.calls).toContain('GET /api/users/me/tool');
    });

    it('reads the list again when someone else changes it, and only then', async () => {
        const api = createFakeApi();
        const tool = fakeTool({parsed: true});
        tool.run('add', 'buy milk');
        api.setTool('c_town', tool.run);
        const store = makeTestStore(makeEntities([town], 'town'));
        setup(api, store);
        expect(await screen.findByText('buy milk')).toBeInTheDocument();

        // Another member adds through chat; the server announces it.
        tool.run('add', 'call mum');
        tool.runs.length = 0;
        act(() => {
            store.dispatch(toolChanged({list_id: 'c_other', channel_id: 'other', user_id: '', verb: 'add'}));
        });
        expect(screen.queryByText('call mum')).not.toBeInTheDocument();
        expect(tool.runs).toEqual([]);

        act(() => {
            store.dispatch(toolChanged({list_id: 'c_town', channel_id: 'town', user_id: '', verb: 'add'}));
        });
        expect(await screen.findByText('call mum')).toBeInTheDocument();
        expect(tool.runs).toEqual([['list', '']]);
    });

    it('reads my personal tool list again when a change to it is announced', async () => {
        const api = createFakeApi();
        const tool = fakeTool({parsed: true});
        tool.run('add', 'renew my passport');
        api.setTool('personal', tool.run);
        const store = makeTestStore(makeEntities([town], 'town'));
        const user = setup(api, store);
        await user.click(await screen.findByRole('tab', {name: 'Mine'}));
        expect(await screen.findByText('renew my passport')).toBeInTheDocument();

        tool.run('done', '1');
        act(() => {
            store.dispatch(toolChanged({list_id: 'u_user1', channel_id: '', user_id: 'user1', verb: 'done'}));
        });
        await waitFor(() => expect(screen.getByRole('checkbox', {name: 'Done: 1'})).toBeChecked());
    });
});
