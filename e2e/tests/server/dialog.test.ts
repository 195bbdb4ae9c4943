// The add form for phones: `/todo` alone opens a Mattermost interactive dialog (the open_dialog
// event reaches the typist's clients), and the form is submitted through Mattermost's own
// endpoint (POST /api/v4/actions/dialogs/submit) as the mobile app submits it: Mattermost calls
// the plugin's route as the submitter.
import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';

import {buttonIds, press} from '../../harness/buttons';

import {openScene} from '../../harness/scene';
import {clientFor, type Login} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {EventStream} from '../../harness/websocket';

const {stack, chat} = openScene();

interface OpenedDialog {
    url: string;
    dialog: {callback_id: string; state: string; title: string; elements: {name: string; type: string; data_source?: string; default?: string; multiselect?: boolean}[]};
}

/** Types `/todo` alone in the channel and returns the dialog Mattermost sent to the typist. */
async function openForm(login: Login, channel: Channel): Promise<OpenedDialog> {
    const ws = await EventStream.connect(stack.siteURL, login);
    try {
        const response = await chat.slash(login, channel, '/todo');
        expect(response.text ?? '').toBe('');
        const event = await ws.next((e) => e.event === 'open_dialog');
        return JSON.parse(String(event.data.dialog)) as OpenedDialog;
    } finally {
        ws.close();
    }
}

/** Submits the form as the mobile app does. */
async function submit(login: Login, channel: Channel, form: OpenedDialog, submission: Record<string, string | string[]>, state = form.dialog.state) {
    const res = await fetch(`${stack.siteURL}/api/v4/actions/dialogs/submit`, {
        method: 'POST',
        headers: {Authorization: `Bearer ${login.token}`, 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
        body: JSON.stringify({
            url: form.url, callback_id: form.dialog.callback_id, state, submission,
            channel_id: channel.id, team_id: stack.team.id, cancelled: false,
        }),
    });
    const text = await res.text();
    return {status: res.status, body: (text ? JSON.parse(text) : {}) as {error?: string; errors?: Record<string, string>}};
}

describe('the add form', () => {
    test('/todo alone opens it, and submitting it adds the todo with its details', async () => {
        const channel = await chat.newChannel('dlg-add');
        const form = await openForm(stack.user1, channel);
        expect(form.url).toBe('/plugins/channel-todo/api/v1/dialogs/submit');
        expect(form.dialog.elements.map((e) => e.name)).toEqual(['text', 'assignee', 'due', 'priority', 'list']);
        expect(form.dialog.elements[1].data_source).toBe('users');

        const text = unique('Book the venue');
        const ws = await EventStream.connect(stack.siteURL, stack.user1);
        try {
            const submitted = await submit(stack.user1, channel, form, {
                text, assignee: stack.user2.id, due: '2031-05-04 17:00', priority: 'high', list: 'channel',
            });
            expect(submitted).toEqual({status: 200, body: {}});

            // The submitter alone gets the usual "added" answer, with its buttons.
            const event = await ws.next((e) => e.event === 'ephemeral_message' && String(e.data.post).includes(text));
            const answer = JSON.parse(String(event.data.post)) as Post;
            expect(answer.channel_id).toBe(channel.id);
            expect(buttonIds(answer)).toEqual(['done', 'undo', 'edit']);
        } finally {
            ws.close();
        }

        const added = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(added.text).toBe(text);
        expect(added.assignees).toEqual([stack.user2.id]);
        expect(added.priority).toBe('high');
        expect(added.due).toMatchObject({date: '2031-05-04', time: '17:00'});
        expect(added.creator_id).toBe(stack.user1.id);
    });

    test('adds to my personal list when asked', async () => {
        const channel = await chat.newChannel('dlg-mine');
        const form = await openForm(stack.user2, channel);
        const text = unique('Call the plumber');
        expect(await submit(stack.user2, channel, form, {text, list: 'personal'})).toEqual({status: 200, body: {}});
        const mine = await TodoApi.as(stack.user2, stack.siteURL).listPersonal({state: 'open'});
        expect(mine.todos.map((t) => t.text)).toContain(text);
        expect((await TodoApi.as(stack.user2, stack.siteURL).listChannel(channel.id)).todos).toEqual([]);
    });

    test('wrong fields come back as field errors and add nothing', async () => {
        const channel = await chat.newChannel('dlg-bad');
        const form = await openForm(stack.user1, channel);
        const submitted = await submit(stack.user1, channel, form, {text: ' ', due: 'someday soon', priority: 'urgent'});
        expect(submitted.status).toBe(200);
        expect(Object.keys(submitted.body.errors ?? {}).sort()).toEqual(['due', 'priority', 'text']);
        expect((await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id)).todos).toEqual([]);
    });

    test('a forged state is refused', async () => {
        const channel = await chat.newChannel('dlg-forged');
        const target = await chat.newChannel('dlg-target');
        const form = await openForm(stack.user1, channel);
        const state = JSON.parse(form.dialog.state) as Record<string, string>;
        state.l = `c_${target.id}`;
        const submitted = await submit(stack.user1, target, form, {text: unique('Forged')}, JSON.stringify(state));
        expect(submitted).toEqual({status: 200, body: {error: 'This form is no longer valid. Open it again with /todo.'}});
        expect((await TodoApi.as(stack.user1, stack.siteURL).listChannel(target.id)).todos).toEqual([]);
    });

    test('someone who left the channel since opening the form is refused', async () => {
        const channel = await chat.newChannel('dlg-left');
        const form = await openForm(stack.user2, channel);
        await clientFor(stack.admin, stack.siteURL).removeFromChannel(stack.user2.id, channel.id);
        const submitted = await submit(stack.user2, channel, form, {text: unique('After leaving')});
        expect(submitted).toEqual({status: 200, body: {error: "You don't have permission to do that."}});
        expect((await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id)).todos).toEqual([]);
    });

    test('/todo list still lists, and /todo help still helps', async () => {
        const channel = await chat.newChannel('dlg-help');
        expect(await chat.privately(stack.user1, channel, '/todo help')).toContain('/todo');
        expect(await chat.privately(stack.user1, channel, '/todo list')).not.toBe('');
    });
});

describe('the edit form', () => {
    test('Edit on the "added" answer opens the form filled with the todo, and saving changes it', async () => {
        const channel = await chat.newChannel('dlg-edit');
        const text = unique('Order the cake');
        const asked = await chat.post(stack.user1, channel, `@todo add ${text} due 2031-05-04 !low`);
        const [card] = await chat.waitForReplies(asked.id, 1);
        expect(buttonIds(card)).toEqual(['done', 'undo', 'edit']);

        const ws = await EventStream.connect(stack.siteURL, stack.user2);
        let form: OpenedDialog;
        try {
            expect((await press(stack.user2, card, 'edit')).status).toBe(200);
            const event = await ws.next((e) => e.event === 'open_dialog');
            form = JSON.parse(String(event.data.dialog)) as OpenedDialog;
        } finally {
            ws.close();
        }
        expect(form.dialog.title).toBe('Edit #1');
        const defaults = Object.fromEntries(form.dialog.elements.map((e) => [e.name, e.default]));
        expect(defaults).toEqual({text, assignee: '', due: '2031-05-04', priority: 'low'});

        // A state changed to name another todo is refused, and changes nothing.
        const state = JSON.parse(form.dialog.state) as Record<string, string>;
        const other = await TodoApi.as(stack.user1, stack.siteURL).addToChannel(channel.id, {text: unique('Other')});
        const forged = await submit(stack.user2, channel, form, {text: 'Forged'}, JSON.stringify({...state, t: other.id}));
        expect(forged).toEqual({status: 200, body: {error: 'This form is no longer valid. Open it again with /todo.'}});

        const renamed = unique('Order the big cake');
        const saved = await submit(stack.user2, channel, form, {text: renamed, assignee: stack.user1.id, due: '2031-05-05 10:00', priority: 'high'});
        expect(saved).toEqual({status: 200, body: {}});
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const edited = await api.byNumber(channel.id, 1);
        expect(edited).toMatchObject({text: renamed, assignees: [stack.user1.id], priority: 'high', due: {date: '2031-05-05', time: '10:00'}});
        expect((await api.byNumber(channel.id, 2)).text).toBe(other.text);
    });
});

describe('several assignees', () => {
    /** Presses Edit on the card as the login and returns the form Mattermost sent. */
    async function openEdit(login: Login, card: Post): Promise<OpenedDialog> {
        const ws = await EventStream.connect(stack.siteURL, login);
        try {
            expect((await press(login, card, 'edit')).status).toBe(200);
            const event = await ws.next((e) => e.event === 'open_dialog');
            return JSON.parse(String(event.data.dialog)) as OpenedDialog;
        } finally {
            ws.close();
        }
    }

    test('the add and edit forms take several people, as a multiselect of the server\'s users', async () => {
        const channel = await chat.newChannel('dlg-many');
        const form = await openForm(stack.user1, channel);
        const field = form.dialog.elements.find((e) => e.name === 'assignee');
        expect(field).toMatchObject({type: 'select', data_source: 'users', multiselect: true});

        const text = unique('Plan the offsite');
        const added = await submit(stack.user1, channel, form, {text, assignee: [stack.user1.id, stack.user2.id], list: 'channel'});
        expect(added).toEqual({status: 200, body: {}});
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await api.byNumber(channel.id, 1);
        expect([...(todo.assignees ?? [])].sort()).toEqual([stack.user1.id, stack.user2.id].sort());

        // The edit form shows both; saving other fields keeps them, and the field removes one.
        const asked = await chat.post(stack.user1, channel, `@todo add ${unique('Book the bus')} @${stack.user1.username} @${stack.user2.username}`);
        const [card] = await chat.waitForReplies(asked.id, 1);
        const edit = await openEdit(stack.user2, card);
        const shown = edit.dialog.elements.find((e) => e.name === 'assignee');
        expect(shown?.multiselect).toBe(true);
        expect(String(shown?.default).split(',').sort()).toEqual([stack.user1.id, stack.user2.id].sort());
        const bus = await api.byNumber(channel.id, 2);
        expect(await submit(stack.user2, channel, edit, {text: `${bus.text} (52 seats)`, assignee: [stack.user2.id, stack.user1.id]})).toEqual({status: 200, body: {}});
        expect([...((await api.byNumber(channel.id, 2)).assignees ?? [])].sort()).toEqual([stack.user1.id, stack.user2.id].sort());
        expect(await submit(stack.user2, channel, edit, {text: `${bus.text} (52 seats)`, assignee: [stack.user2.id]})).toEqual({status: 200, body: {}});
        expect((await api.byNumber(channel.id, 2)).assignees).toEqual([stack.user2.id]);

        // Something that is not a user is marked under the field, and nothing changes.
        const refused = await submit(stack.user2, channel, edit, {text: bus.text, assignee: [stack.user1.id, 'nobody']});
        expect(refused.status).toBe(200);
        expect(Object.keys(refused.body.errors ?? {})).toEqual(['assignee']);
        expect((await api.byNumber(channel.id, 2)).assignees).toEqual([stack.user2.id]);
    });
});
