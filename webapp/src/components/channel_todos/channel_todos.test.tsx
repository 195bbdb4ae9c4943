import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {reconnected, todoChanged} from '../../actions';
import {createFakeApi} from '../../test/fake_api';
import type {FakeApi} from '../../test/fake_api';
import {getList} from '../../selectors';
import type {State} from '../../selectors';
import {changeEvent} from '../../test/fixtures';
import {fakeLayout} from '../../test/layout';
import type {Layout} from '../../test/layout';
import {makeChannel, makeEntities, makeTestStore, renderWithProviders} from '../../test/render_with_providers';

import ChannelTodos from './index';
import serverZhCN from '../../../../assets/i18n/zh-CN.json';
import zhCN from '../../i18n/zh-CN.json';

const c1 = makeChannel({id: 'c1', display_name: 'Channel One'});

/** Renders the sidebar's channel view of c1 on `api`, in `locale` (English by default). */
function setup(api: FakeApi = createFakeApi(), locale?: string) {
    const store = makeTestStore(makeEntities([c1], 'c1'));
    const user = userEvent.setup();
    const view = renderWithProviders(
        <ChannelTodos
            channelId='c1'
            client={api.client}
        />,
        {store, locale},
    );
    return {...view, api, store, user};
}

/** A fake API whose c1 holds `count` open todos, "chore 1" to "chore <count>". */
function apiWithChores(count: number): FakeApi {
    const api = createFakeApi();
    for (let i = 1; i <= count; i++) {
        api.seed('c1', `chore ${i}`);
    }
    return api;
}

/** The texts of c1's open todos in the server's order. */
function serverTexts(api: FakeApi): string[] {
    return api.listOf('c_c1').map((t) => t.text);
}

/** The reads of c1's list the sidebar sent. */
function listReads(api: FakeApi): string[] {
    return api.calls.filter((c) => c.startsWith('GET /api/channels/c1/todos'));
}

/** The todo's actions bar (its "Edit", "Delete", "Move up" … buttons), once the list has painted its rows. */
function actionsOf(number: number): Promise<HTMLElement> {
    return screen.findByRole('group', {name: `Actions for #${number}`});
}

/** A DataTransfer that keeps what a drag sets, for fireEvent's drag events. */
function fakeDataTransfer() {
    const data = new Map<string, string>();
    return {
        setData: (type: string, value: string) => data.set(type, value),
        getData: (type: string) => data.get(type) ?? '',
        get types() {
            return [...data.keys()];
        },
        effectAllowed: 'none',
        dropEffect: 'none',
    };
}

function openTexts(): string[] {
    const lists = screen.queryAllByRole('list');
    const open = lists.find((l) => !l.closest('details'));
    return open ? within(open).queryAllByRole('listitem').map((li) => li.querySelector('.channel-todo-text')?.textContent ?? '') : [];
}

async function seeded(...texts: string[]) {
    const api = createFakeApi();
    const todos = texts.map((t) => api.seed('c1', t));
    const ctx = setup(api);
    await screen.findByRole('checkbox', {name: `Done: #${todos.at(-1)!.number}`});

    // Settled: the rows' action bars follow the first painted frame.
    await actionsOf(todos.at(-1)!.number);
    return {...ctx, todos};
}

describe('ChannelTodos', () => {
    it('shows the channel\'s open todos in order and counts the completed ones', async () => {
        const api = createFakeApi();
        api.seed('c1', 'write the notes');
        api.seed('c1', 'book the room');
        api.seed('c1', 'old thing', {state: 'done'});
        setup(api);

        await screen.findByText('write the notes');
        expect(openTexts()).toEqual(['write the notes', 'book the room']);
        expect(screen.getByText('Completed (1)')).toBeInTheDocument();
    });

    it('says when the list is empty', async () => {
        setup();
        expect(await screen.findByText('No todos yet')).toBeInTheDocument();
    });

    it('adds with Enter and keeps Shift+Enter for a new line', async () => {
        const {api, user} = setup();
        await screen.findByText('No todos yet');
        const box = screen.getByRole('textbox', {name: 'Add a todo'});

        await user.type(box, 'first line{Shift>}{Enter}{/Shift}second line');
        expect(api.listOf('c_c1')).toHaveLength(0);
        await user.keyboard('{Enter}');

        await screen.findByRole('checkbox', {name: 'Done: #1'});
        expect(serverTexts(api)).toEqual(['first line\nsecond line']);
        await waitFor(() => expect(box).toHaveValue(''));
        expect(box).not.toHaveAttribute('readonly');
    });

    it('shows why an add failed and keeps the text', async () => {
        const {api, user} = setup();
        await screen.findByText('No todos yet');
        api.failNext('POST', /\/channels\/c1\/todos$/, 403, 'channel_archived', 'This channel is archived.');

        await user.type(screen.getByRole('textbox', {name: 'Add a todo'}), 'too late{Enter}');

        expect(await screen.findByRole('alert')).toHaveTextContent('This channel is archived.');
        expect(screen.getByRole('textbox', {name: 'Add a todo'})).toHaveValue('too late');
        await waitFor(() => expect(screen.getByRole('textbox', {name: 'Add a todo'})).not.toHaveAttribute('readonly'));
    });

    it('completes a todo on the server', async () => {
        const {api, user, todos} = await seeded('ship it');
        await user.click(screen.getByRole('checkbox', {name: 'Done: #1'}));

        await waitFor(() => expect(api.todos.get(todos[0].id)?.state).toBe('done'));
        expect(screen.getByText('Completed (1)')).toBeInTheDocument();
        expect(screen.getByText('No todos yet')).toBeInTheDocument();
    });

    it('says why an add failed in the reader\'s language, from the error\'s code', async () => {
        const {api, user} = setup(createFakeApi(), 'zh-CN');
        await screen.findByText(zhCN['channel_todo.sidebar.empty']);
        api.failNext('POST', /\/channels\/c1\/todos$/, 403, 'channel_archived', 'This channel is archived.');

        await user.type(screen.getByRole('textbox', {name: zhCN['channel_todo.add.label']}), 'too late{Enter}');

        const alert = await screen.findByRole('alert');
        expect(alert).toHaveTextContent(serverZhCN['error.channel_archived']);
        expect(alert).not.toHaveTextContent('This channel is archived.');
    });

    it('rolls a completion back with a visible message when the server refuses', async () => {
        const {api, user, todos} = await seeded('ship it');
        api.failNext('POST', /\/complete$/, 403, 'forbidden', 'You cannot change this list.');

        await user.click(screen.getByRole('checkbox', {name: 'Done: #1'}));

        expect(await screen.findByRole('alert')).toHaveTextContent('Could not change #1: You cannot change this list.');
        expect(screen.getByRole('checkbox', {name: 'Done: #1'})).not.toBeChecked();
        expect(api.todos.get(todos[0].id)?.state).toBe('open');
    });

    it('says what the sidebar offers when open checklist items refuse a completion, never the chat\'s command', async () => {
        // The sidebar read #1 with its checklist all ticked; someone has added an item since.
        const {api, user, todos} = await seeded('pack the van');
        const seen = api.todos.get(todos[0].id)!;
        api.todos.set(seen.id, {...seen, items_total: 3, items_done: 2});

        await user.click(screen.getByRole('checkbox', {name: 'Done: #1'}));

        const alert = await screen.findByRole('alert');
        expect(alert).toHaveTextContent('Could not change #1: Its checklist still has open items. Tick them first, or tick the todo again and choose Complete anyway.');
        expect(alert).not.toHaveTextContent('/todo');
        expect(screen.getByRole('checkbox', {name: 'Done: #1'})).not.toBeChecked();
        expect(api.todos.get(seen.id)?.state).toBe('open');

        // Ticking it again asks, as the alert said, and Complete anyway completes it.
        await user.click(screen.getByRole('checkbox', {name: 'Done: #1'}));
        expect(within(screen.getByRole('group', {name: 'Complete #1?'})).getByRole('alert')).toHaveTextContent('1 of 3 checklist items are still open.');
        await user.click(screen.getByRole('button', {name: 'Complete anyway'}));
        await waitFor(() => expect(api.todos.get(seen.id)?.state).toBe('done'));
    });

    it('says it in the reader\'s language, in the sidebar\'s words and not the chat\'s', async () => {
        const api = createFakeApi();
        const todo = api.seed('c1', 'pack the van');
        const {user} = setup(api, 'zh-CN');
        await screen.findByRole('checkbox', {name: '完成：#1'});
        api.todos.set(todo.id, {...todo, items_total: 2, items_done: 0});

        await user.click(screen.getByRole('checkbox', {name: '完成：#1'}));

        const alert = await screen.findByRole('alert');
        expect(alert).toHaveTextContent(zhCN['channel_todo.error.items_open']);
        expect(alert).not.toHaveTextContent('/todo');
        expect(serverZhCN['error.items_open']).toContain('/todo done');
    });

    it('edits inline: Enter saves, Escape cancels', async () => {
        const {api, user, todos} = await seeded('typo here');

        await user.click(await screen.findByRole('button', {name: 'Edit'}));
        const editor = screen.getByRole('textbox', {name: 'Edit todo #1'});
        await user.clear(editor);
        await user.type(editor, 'never mind{Escape}');
        expect(screen.queryByRole('textbox', {name: 'Edit todo #1'})).not.toBeInTheDocument();
        expect(api.todos.get(todos[0].id)?.text).toBe('typo here');

        await user.click(await screen.findByRole('button', {name: 'Edit'}));
        await user.clear(screen.getByRole('textbox', {name: 'Edit todo #1'}));
        await user.type(screen.getByRole('textbox', {name: 'Edit todo #1'}), 'fixed text{Enter}');

        await screen.findByText('fixed text');
        expect(api.todos.get(todos[0].id)?.text).toBe('fixed text');
    });

    it('keeps the editor open with the reason when an edit is refused', async () => {
        const {api, user} = await seeded('theirs');
        api.failNext('PATCH', /\/todos\//, 403, 'edit_not_allowed', 'Only its creator can edit this todo.');

        await user.click(await screen.findByRole('button', {name: 'Edit'}));
        await user.type(screen.getByRole('textbox', {name: 'Edit todo #1'}), ' mine{Enter}');

        expect(await screen.findByRole('alert')).toHaveTextContent('Only its creator can edit this todo.');
        expect(screen.getByRole('textbox', {name: 'Edit todo #1'})).toBeInTheDocument();
    });

    it('deletes on the server and restores it there with Undo', async () => {
        const {api, user, todos} = await seeded('keep me', 'drop me');

        await user.click(within(await actionsOf(2)).getByRole('button', {name: 'Delete'}));
        const status = await screen.findByRole('status');
        expect(status).toHaveTextContent('Deleted #2.');
        expect(api.todos.get(todos[1].id)?.deleted_at).toBeTruthy();
        expect(screen.queryByText('drop me')).not.toBeInTheDocument();

        await user.click(within(status).getByRole('button', {name: 'Undo'}));
        await screen.findByText('drop me');
        expect(api.todos.get(todos[1].id)?.deleted_at).toBeFalsy();
        expect(screen.queryByRole('status')).not.toBeInTheDocument();
    });

    it('puts a todo back when the server refuses to delete it', async () => {
        const {api, user} = await seeded('stubborn');
        api.failNext('DELETE', /\/todos\//, 403, 'edit_not_allowed', 'Only its creator can delete this todo.');

        await user.click(await screen.findByRole('button', {name: 'Delete'}));

        expect(await screen.findByRole('alert')).toHaveTextContent('Only its creator can delete this todo.');
        expect(screen.getByText('stubborn')).toBeInTheDocument();
        expect(screen.queryByRole('status')).not.toBeInTheDocument();
    });

    it('reorders with the buttons and with Alt+arrow keys', async () => {
        const {api, user} = await seeded('one', 'two', 'three');

        await user.click(within(await actionsOf(1)).getByRole('button', {name: 'Move down'}));
        await waitFor(() => expect(serverTexts(api)).toEqual(['two', 'one', 'three']));
        await waitFor(() => expect(openTexts()).toEqual(['two', 'one', 'three']));

        screen.getByRole('checkbox', {name: 'Done: #3'}).focus();
        await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
        await waitFor(() => expect(serverTexts(api)).toEqual(['two', 'three', 'one']));
        await waitFor(() => expect(openTexts()).toEqual(['two', 'three', 'one']));

        // The first cannot move up, the last cannot move down.
        expect(within(await actionsOf(2)).queryByRole('button', {name: 'Move up'})).not.toBeInTheDocument();
        expect(within(await actionsOf(1)).queryByRole('button', {name: 'Move down'})).not.toBeInTheDocument();
    });

    // The web client switches channels on Alt+arrows (and closes things on Escape) from a
    // listener on document; keys the sidebar used must not reach it.
    describe('keeps the keys it handles from the web client\'s shortcuts', () => {
        let seen: string[];
        const record = (e: KeyboardEvent) => seen.push(`${e.altKey ? 'Alt+' : ''}${e.shiftKey ? 'Shift+' : ''}${e.key}`);
        beforeEach(() => {
            seen = [];
            document.addEventListener('keydown', record);
        });
        afterEach(() => document.removeEventListener('keydown', record));

        it.each([
            {keys: '{Alt>}{ArrowUp}{/Alt}', from: 'Done: #3', order: ['one', 'three', 'two']},
            {keys: '{Alt>}{ArrowDown}{/Alt}', from: 'Done: #1', order: ['two', 'one', 'three']},
            {keys: '{Alt>}{Shift>}{ArrowDown}{/Shift}{/Alt}', from: 'Done: #1', order: ['two', 'one', 'three']},
        ])('$keys moves the todo and stays in the sidebar', async ({keys, from, order}) => {
            const {api, user} = await seeded('one', 'two', 'three');

            screen.getByRole('checkbox', {name: from}).focus();
            await user.keyboard(keys);

            await waitFor(() => expect(serverTexts(api)).toEqual(order));
            expect(seen.filter((k) => k.includes('Arrow'))).toEqual([]);
        });

        it('Alt+Up on the first todo stays in the sidebar too', async () => {
            const {api, user} = await seeded('one', 'two');

            screen.getByRole('checkbox', {name: 'Done: #1'}).focus();
            await user.keyboard('{Alt>}{ArrowUp}{/Alt}');

            expect(serverTexts(api)).toEqual(['one', 'two']);
            expect(seen.filter((k) => k.includes('Arrow'))).toEqual([]);
        });

        it('Escape cancels an edit and goes no further', async () => {
            const {user} = await seeded('typo here');

            await user.click(await screen.findByRole('button', {name: 'Edit'}));
            await user.type(screen.getByRole('textbox', {name: 'Edit todo #1'}), ' more{Escape}');

            expect(screen.queryByRole('textbox', {name: 'Edit todo #1'})).not.toBeInTheDocument();
            expect(seen).not.toContain('Escape');
        });

        it('Escape closes the due date editor and goes no further', async () => {
            const {user} = await seeded('one');

            await user.click(await screen.findByRole('button', {name: 'Due date'}));
            await user.click(screen.getByLabelText('Due date for #1'));
            await user.keyboard('{Escape}');

            expect(screen.queryByLabelText('Due date for #1')).not.toBeInTheDocument();
            expect(seen).not.toContain('Escape');
        });

        it('Escape closes the assignee picker and goes no further', async () => {
            const api = createFakeApi();
            api.seed('c1', 'one');
            const {user} = setup(api);
            await screen.findByText('one');

            await user.click(await screen.findByRole('button', {name: 'Assign'}));
            const picker = await screen.findByRole('group', {name: 'Assignees for #1'});
            within(picker).getAllByRole('checkbox')[0].focus();
            await user.keyboard('{Escape}');

            expect(screen.queryByRole('group', {name: 'Assignees for #1'})).not.toBeInTheDocument();
            expect(seen).not.toContain('Escape');
        });

        it('a key the sidebar does not use still reaches the web client', async () => {
            const {user} = await seeded('one');

            screen.getByRole('checkbox', {name: 'Done: #1'}).focus();
            await user.keyboard('{Escape}');

            expect(seen).toContain('Escape');
        });
    });

    describe('a long list', () => {
        let layout: Layout;
        afterEach(() => layout.restore());

        const rowsInPage = () => screen.getAllByRole('checkbox', {name: /^Done: #/}).length;

        it('shows the first page at once, reads the rest as the user scrolls, and keeps few rows in the page', async () => {
            const api = apiWithChores(700);
            // 700 rows of about 56 px under a 100 px header, seen through 600 px.
            layout = fakeLayout({viewport: 600, contentHeight: 100 + (700 * 56)});
            setup(api);

            expect(await screen.findByRole('checkbox', {name: 'Done: #1'})).toBeInTheDocument();
            expect(listReads(api)).toEqual(['GET /api/channels/c1/todos?state=all&limit=50']);
            expect(rowsInPage()).toBeLessThanOrEqual(30);

            // Near the end: every further page, with no cap, and only the rows in view.
            await layout.scrollTo((700 * 56) + 100 - 600);
            expect(await screen.findByRole('checkbox', {name: 'Done: #700'}, {timeout: 10_000})).toBeInTheDocument();
            expect(listReads(api)).toEqual([
                'GET /api/channels/c1/todos?state=all&limit=50',
                'GET /api/channels/c1/todos?state=all&limit=200&cursor=50',
                'GET /api/channels/c1/todos?state=all&limit=200&cursor=250',
                'GET /api/channels/c1/todos?state=all&limit=200&cursor=450',
                'GET /api/channels/c1/todos?state=all&limit=200&cursor=650',
            ]);
            expect(screen.queryByRole('checkbox', {name: 'Done: #1'})).not.toBeInTheDocument();
            expect(rowsInPage()).toBeLessThanOrEqual(30);
            expect(screen.getByRole('checkbox', {name: 'Done: #700'}).closest('li')).toHaveAttribute('aria-setsize', '700');
        });

        it('leaves a todo added past what was read for its page', async () => {
            const api = apiWithChores(120);
            layout = fakeLayout({viewport: 600, contentHeight: 100 + (120 * 56)});
            const {store} = setup(api);
            await screen.findByRole('checkbox', {name: 'Done: #1'});

            const late = api.seed('c1', 'added by someone else');
            act(() => {
                store.dispatch(todoChanged(changeEvent(late, 121, 'added')));
            });
            const shown = () => getList(store.getState() as unknown as State, 'c_c1')?.todos.map((t) => t.id) ?? [];
            expect(shown()).toHaveLength(50);
            expect(shown()).not.toContain(late.id);

            await layout.scrollTo((121 * 56) + 100 - 600);

            expect(await screen.findByRole('checkbox', {name: `Done: #${late.number}`})).toBeInTheDocument();
            expect(screen.getAllByText('added by someone else')).toHaveLength(1);
            expect(shown()).toHaveLength(121);
            expect(shown().at(-1)).toBe(late.id);
        });
    });

    it('renders only the todo a live change touched', async () => {
        const formatText = jest.fn((text: string) => text);
        (window as {PostUtils?: unknown}).PostUtils = {formatText, messageHtmlToComponent: (html: string) => html};
        try {
            const {store, todos} = await seeded('one', 'two', 'three');
            await waitFor(() => expect(formatText).toHaveBeenCalledTimes(3));
            formatText.mockClear();

            act(() => {
                store.dispatch(todoChanged(changeEvent({...todos[1], text: 'two, changed'}, 4)));
            });

            await screen.findByText('two, changed');
            expect(formatText.mock.calls.map(([text]) => text)).toEqual(['two, changed']);
        } finally {
            delete (window as {PostUtils?: unknown}).PostUtils;
        }
    });

    it('offers each todo\'s actions as named icon buttons, the destructive one last, all in tab order', async () => {
        const {user} = await seeded('one', 'two', 'three');
        const bar = await actionsOf(2);
        const buttons = within(bar).getAllByRole('button');
        const names = ['Edit', 'Checklist', 'Comment', 'Assign', 'Due date', 'Priority', 'Repeat', 'Move up', 'Move down', 'Delete'];

        expect(buttons.map((b) => b.textContent)).toEqual(names);
        for (const button of buttons) {
            // A tooltip for the pointer; the name for screen readers.
            expect(button).toHaveAttribute('title', button.textContent);
            expect(button).toHaveClass('channel-todo-icon-button');
        }
        expect(buttons.at(-1)).toHaveClass('channel-todo-icon-button--destructive');
        expect(buttons.slice(0, -1).filter((b) => b.classList.contains('channel-todo-icon-button--destructive'))).toEqual([]);

        screen.getByRole('checkbox', {name: 'Done: #2'}).focus();
        const reached: string[] = [];
        for (const _ of names) {
            await user.tab();
            reached.push(document.activeElement?.textContent ?? '');
        }
        expect(reached).toEqual(names);
    });

    it('applies the next WebSocket change and drops a stale one', async () => {
        const {api, store, todos} = await seeded('first');
        const added = api.seed('c1', 'from someone else');
        const version = api.versions.get('c_c1')!;

        act(() => {
            store.dispatch(todoChanged(changeEvent(added, version, 'added')));
        });
        await screen.findByText('from someone else');

        act(() => {
            store.dispatch(todoChanged(changeEvent({...todos[0], text: 'an old edit'}, version - 1)));
        });
        expect(screen.queryByText('an old edit')).not.toBeInTheDocument();
        expect(screen.getByText('first')).toBeInTheDocument();
    });

    it('refetches when it missed events, and after a reconnect', async () => {
        const {api, store} = await seeded('first');
        const missed = api.seed('c1', 'missed while away');
        const later = api.seed('c1', 'the event it saw');
        const gets = () => listReads(api).length;
        const before = gets();

        act(() => {
            store.dispatch(todoChanged(changeEvent(later, api.versions.get('c_c1')!, 'added')));
        });
        await screen.findByText('missed while away');
        expect(gets()).toBe(before + 1);
        expect(missed.number).toBe(2);

        api.seed('c1', 'added during a disconnect');
        act(() => {
            store.dispatch(reconnected());
        });
        await screen.findByText('added during a disconnect');
        expect(gets()).toBe(before + 2);
    });

    it('offers a retry when the list cannot be loaded', async () => {
        const api = createFakeApi();
        api.seed('c1', 'there all along');
        api.failNext('GET', /\/channels\/c1\/todos$/, 500, 'internal_error', 'Something went wrong.');
        const {user} = setup(api);

        expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the todos: Something went wrong.');
        await user.click(screen.getByRole('button', {name: 'Try again'}));
        await screen.findByText('there all along');
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('sets a due date with a time, shows it, and clears it', async () => {
        const {api, user, todos} = await seeded('file the taxes');

        await user.click(await screen.findByRole('button', {name: 'Due date'}));
        await user.type(screen.getByLabelText('Due date for #1'), '2031-04-15');
        await user.type(screen.getByLabelText('Due time for #1 (optional)'), '09:30');
        await user.click(screen.getByRole('button', {name: 'Save'}));

        expect(await screen.findByText('Due 2031-04-15 09:30')).toBeInTheDocument();
        expect(api.todos.get(todos[0].id)?.due).toEqual({date: '2031-04-15', time: '09:30'});
        expect(screen.queryByText('Overdue')).not.toBeInTheDocument();

        await user.click(await screen.findByRole('button', {name: 'Due date'}));
        await user.click(screen.getByRole('button', {name: 'Clear due date'}));
        await waitFor(() => expect(screen.queryByText(/^Due \d/)).not.toBeInTheDocument());
        expect(api.todos.get(todos[0].id)?.due).toBeUndefined();
    });

    it('marks open todos past their due date as overdue', async () => {
        const api = createFakeApi();
        api.seed('c1', 'late', {due: {date: '2001-01-01'}});
        api.seed('c1', 'late but done', {due: {date: '2001-01-01'}, state: 'done'});
        api.seed('c1', 'in time', {due: {date: '2999-12-31'}});
        setup(api);

        const late = (await screen.findByText('late')).closest('li')!;
        expect(within(late).getByText('Overdue')).toBeInTheDocument();
        expect(within(screen.getByText('in time').closest('li')!).queryByText('Overdue')).not.toBeInTheDocument();
        expect(within(screen.getByText('late but done').closest('li')!).queryByText('Overdue')).not.toBeInTheDocument();
    });

    it('assigns channel members with the picker and shows them', async () => {
        const {api, user, todos} = await seeded('prepare the demo');

        await user.click(await screen.findByRole('button', {name: 'Assign'}));
        const picker = screen.getByRole('group', {name: 'Assignees for #1'});
        await user.click(within(picker).getByRole('checkbox', {name: '@bob'}));
        await user.click(within(picker).getByRole('button', {name: 'Save'}));

        const assigned = await screen.findByRole('group', {name: 'Assigned to 1 person'});
        expect(within(assigned).getByRole('img', {name: '@bob'})).toBeInTheDocument();
        expect(api.todos.get(todos[0].id)?.assignees).toEqual(['user2']);
        expect(api.calls.filter((c) => c.startsWith('GET /site/api/v4/users'))).toHaveLength(1);
    });

    it('says when the channel\'s members cannot be loaded', async () => {
        const {api, user} = await seeded('prepare the demo');
        api.failNext('GET', /\/api\/v4\/users$/, 403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.');

        await user.click(await screen.findByRole('button', {name: 'Assign'}));

        expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the channel\'s members: You do not have the appropriate permissions.');
        expect(screen.queryByRole('group', {name: 'Assignees for #1'})).not.toBeInTheDocument();
    });

    it.each([
        {name: 'down onto a later todo: after it', from: 'one', onto: 'three', want: ['two', 'three', 'one', 'four']},
        {name: 'up onto an earlier todo: before it', from: 'four', onto: 'two', want: ['one', 'four', 'two', 'three']},
        {name: 'up onto the first: to the top', from: 'three', onto: 'one', want: ['three', 'one', 'two', 'four']},
    ])('reorders by drag and drop, $name', async ({from, onto, want}) => {
        const {api} = await seeded('one', 'two', 'three', 'four');
        const dataTransfer = fakeDataTransfer();
        const li = (text: string) => screen.getByText(text).closest('li')!;

        fireEvent.dragStart(li(from), {dataTransfer});
        fireEvent.dragOver(li(onto), {dataTransfer});
        fireEvent.drop(li(onto), {dataTransfer});

        await waitFor(() => expect(serverTexts(api)).toEqual(want));
        await waitFor(() => expect(openTexts()).toEqual(want));
    });
});
