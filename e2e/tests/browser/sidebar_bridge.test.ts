// The sidebar on lists a command-line tool keeps (the bridge), in the host page against
// the real server: todo.txt's list shows as items, a tool without a parsed list as its
// own text, and the sidebar's add, done and delete become the tool's commands; another
// member's `/todo add` shows in an open sidebar without a reload. An admin turns the tool
// on for one fresh channel at a time; the settings are restored after.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';

import {eventually} from '../../harness/eventually';
import {currentSettings, replaceSettings, type PluginSettings} from '../../harness/plugin_config';
import {clientFor, loadStack} from '../../harness/stack';
import type {Stack} from '../../harness/stack';
import {findExecutable, ToolBridge, type ToolBody} from '../../harness/tool_bridge';

import {openSidebarOn} from './browser';

const fixtures = path.resolve(__dirname, '../../fixtures');

let stack: Stack;
let admin: Client4;
let bridge: ToolBridge;
let originalSettings: PluginSettings;
let scratch: string;

async function toolList(channel: Channel): Promise<ToolBody> {
    const res = await bridge.route(stack.user1, channel.id, 'GET');
    expect(res.status).toBe(200);
    return res.body;
}

/** A fresh channel with user1 and user2 in it, kept by the tool (and only it), once the plugin says so. */
async function channelKeptBy(preset: string, executable: string): Promise<Channel> {
    const name = `sidebar-${preset.replace(/\W/g, '')}-${crypto.randomBytes(4).toString('hex')}`;
    const channel = await admin.createChannel({team_id: stack.team.id, name, display_name: `Tool ${preset}`, type: 'O'} as Channel);
    await admin.addToChannel(stack.user1.id, channel.id);
    await admin.addToChannel(stack.user2.id, channel.id);
    const dataRoot = fs.mkdtempSync(path.join(scratch, 'data-'));
    await bridge.use({preset, executable, dataRoot, channels: `${stack.team.name}/${channel.name}`}, channel.id);
    await eventually(async () => {
        const list = await toolList(channel);
        expect(list.active).toBe(true);
        expect(list.preset).toBe(preset);
    });
    return channel;
}

beforeAll(async () => {
    stack = loadStack();
    admin = clientFor(stack.admin);
    bridge = new ToolBridge(stack);
    originalSettings = await currentSettings(admin);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-sidebar-bridge-'));
});

afterAll(async () => {
    if (admin) {
        await replaceSettings(admin, {...originalSettings, bridgebackend: originalSettings.bridgebackend ?? 'builtin'});
    }
    if (scratch) {
        fs.rmSync(scratch, {recursive: true, force: true});
    }
});

describe('the sidebar on a list a command-line tool keeps', () => {
    test('todo.txt: items, and add, done and delete as the tool\'s commands', async () => {
        const channel = await channelKeptBy('todo.txt', findExecutable('todo-txt'));
        const {session, rhs} = await openSidebarOn(channel);
        try {
            await rhs.getByText('Kept by the command-line tool todo.txt').waitFor();
            await rhs.getByText('No todos yet').waitFor();

            const box = rhs.getByRole('textbox', {name: 'Add a todo'});
            await box.fill('buy milk');
            await box.press('Enter');
            await rhs.getByRole('listitem').filter({hasText: 'buy milk'}).waitFor();
            await box.fill('call mum');
            await box.press('Enter');
            await rhs.getByRole('listitem').filter({hasText: 'call mum'}).waitFor();
            expect((await toolList(channel)).items.map((i) => [i.id, i.text, i.done])).toEqual([['1', 'buy milk', false], ['2', 'call mum', false]]);

            // A click, not check(): the box turns checked only once the tool has answered.
            await rhs.getByRole('checkbox', {name: 'Done: 1'}).click();
            await eventually(async () => expect(await rhs.getByRole('checkbox', {name: 'Done: 1'}).isDisabled()).toBe(true));
            expect(await rhs.getByRole('checkbox', {name: 'Done: 1'}).isChecked()).toBe(true);

            await rhs.getByRole('button', {name: 'Delete 2'}).click();
            await rhs.getByRole('listitem').filter({hasText: 'call mum'}).waitFor({state: 'detached'});
            expect((await toolList(channel)).items.map((i) => [i.id, i.text, i.done])).toEqual([['1', 'buy milk', true]]);

        } finally {
            await session.close();
        }
    });

    test('a tool whose list is not parsed: its text, commands by id, and its error', async () => {
        // A `todo` tool as a webhook setup might have: one line per todo in $HOME,
        // listed with numbers, "x " in front of done ones.
        const tool = path.join(fixtures, 'line_list_todo.sh');
        const channel = await channelKeptBy('todo', tool);
        const {session, rhs} = await openSidebarOn(channel);
        try {
            await rhs.getByText('Kept by the command-line tool todo').waitFor();
            const box = rhs.getByRole('textbox', {name: 'Add a todo'});
            await box.fill('water the plants');
            await box.press('Enter');
            const output = rhs.getByLabel('The tool\'s list');
            await output.filter({hasText: '1 water the plants'}).waitFor();
            await box.fill('feed the cat');
            await box.press('Enter');
            await output.filter({hasText: '2 feed the cat'}).waitFor();
            expect(await rhs.getByRole('checkbox').count()).toBe(0);

            const byId = rhs.getByRole('group', {name: 'Complete or delete by id'});
            await byId.getByRole('textbox', {name: 'Id'}).fill('1');
            await byId.getByRole('button', {name: 'Done'}).click();
            await output.filter({hasText: '1 x water the plants'}).waitFor();

            // sed refuses line 0: the tool fails, and the sidebar says so in the bot's words.
            await byId.getByRole('textbox', {name: 'Id'}).fill('0');
            await byId.getByRole('button', {name: 'Delete'}).click();
            const alert = rhs.getByRole('alert');
            await alert.waitFor();
            expect(await alert.innerText()).toContain('Error running `delete`');
            expect(await output.innerText()).toContain('2 feed the cat');

            expect((await toolList(channel)).text).toContain('1 x water the plants');
        } finally {
            await session.close();
        }
    });

    test('another member\'s /todo add shows in an open sidebar without a reload', async () => {
        const channel = await channelKeptBy('todo.txt', findExecutable('todo-txt'));
        const {session, rhs} = await openSidebarOn(channel, {login: stack.user2});
        try {
            await rhs.getByText('Kept by the command-line tool todo.txt').waitFor();
            await rhs.getByText('No todos yet').waitFor();

            // user1 adds from chat; user2's sidebar hears of it on the WebSocket and asks
            // the tool again. Nothing in user2's page is touched.
            const text = `ship the release ${crypto.randomBytes(3).toString('hex')}`;
            await clientFor(stack.user1).executeCommand(`/todo add ${text}`, {channel_id: channel.id, team_id: stack.team.id});
            await rhs.getByRole('listitem').filter({hasText: text}).waitFor();

            await clientFor(stack.user1).executeCommand('/todo done 1', {channel_id: channel.id, team_id: stack.team.id});
            await eventually(async () => expect(await rhs.getByRole('checkbox', {name: 'Done: 1'}).isChecked()).toBe(true));

        } finally {
            await session.close();
        }
    });
});
