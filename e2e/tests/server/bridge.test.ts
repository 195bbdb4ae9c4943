// The command-line tool bridge on the real server: an admin switches the backend to a real
// tool (todo.txt's `todo-txt`, Taskwarrior's `task`, or a fake that never answers) through the
// config API, people use it through REST, `@todo` in a thread and `/todo`, and the settings are
// restored afterwards. The data directory is a fresh temporary one the server can write to.
import {execFileSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';

import {Chat} from '../../harness/chat';
import {eventually} from '../../harness/eventually';
import {PluginState} from '../../harness/plugin';
import {currentSettings, pluginId, pluginSettings, replaceSettings, saveSettings, withSettings, type PluginSettings} from '../../harness/plugin_config';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack, type Stack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {findExecutable, ToolBridge, type Bridge} from '../../harness/tool_bridge';

const fixtures = path.resolve(__dirname, '../../fixtures');

let stack: Stack;
let admin: Client4;
let talk: Chat;
let tool: ToolBridge;
let dataRoot: string;
let originalSettings: PluginSettings | undefined;

/** Turns the tool on, with this file's data directory, and waits until the plugin uses it. */
function useTool(bridge: Omit<Bridge, 'dataRoot'>, probe: Channel): Promise<void> {
    return tool.use({...bridge, dataRoot}, probe.id);
}

/** A fresh channel with user1 in it, so each list starts empty and numbers start at 1. */
function freshChannel(prefix: string): Promise<Channel> {
    return createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], prefix);
}

/** The processes whose command line holds `marker`. */
function processesWith(marker: string): string[] {
    try {
        return execFileSync('pgrep', ['-af', marker], {encoding: 'utf8'}).split('\n').filter(Boolean);
    } catch {
        return []; // pgrep exits 1 when nothing matches
    }
}

beforeAll(async () => {
    stack = loadStack();
    admin = clientFor(stack.admin);
    talk = new Chat(stack);
    tool = new ToolBridge(stack);
    originalSettings = await currentSettings(admin);
    dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-bridge-'));
});

afterAll(async () => {
    if (admin) {
        await replaceSettings(admin, {...originalSettings, bridgebackend: 'builtin'});
    }
    if (dataRoot) {
        fs.rmSync(dataRoot, {recursive: true, force: true});
    }
});

describe('the todo.txt preset, for listed channels only', () => {
    let todoTxt: string;
    let chat: Channel;
    let hostile: Channel;
    let hostileChat: Channel;

    beforeAll(async () => {
        todoTxt = findExecutable('todo-txt');
        chat = await freshChannel('bridge-txt');
        hostile = await freshChannel('bridge-hostile');
        hostileChat = await freshChannel('bridge-hostile-chat');
        // Listed by team-name/channel-name and by id, as an admin may write them.
        const channels = [`${stack.team.name}/${chat.name}`, hostile.id, `${stack.team.name}/${hostileChat.name}`].join(', ');
        await useTool({preset: 'todo.txt', executable: todoTxt, channels}, chat);
    });

    test('other channels and personal lists stay in the built-in store', async () => {
        for (const id of [hostile.id, hostileChat.id]) {
            expect((await tool.route(stack.user1, id, 'GET')).body.active).toBe(true);
        }
        const unlisted = await tool.route(stack.user1, stack.channels.public.id, 'GET');
        expect(unlisted.status).toBe(200);
        expect(unlisted.body.active).toBe(false);
        const personal = await tool.call(stack.user1, 'GET', '/users/me/tool');
        expect(personal.body.active).toBe(false);
        expect(fs.existsSync(path.join(dataRoot, `channel-${stack.channels.public.id}`))).toBe(false);
    });

    test('an admin check of the tool passes, and only admins may run it', async () => {
        const refused = await tool.call<{code: string}>(stack.user1, 'POST', '/bridge/check');
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('system_admin_only');

        const check = await tool.call<{ok: boolean; active: boolean; markdown: string}>(stack.admin, 'POST', '/bridge/check');
        expect(check.status).toBe(200);
        expect(check.body.ok).toBe(true);
        expect(check.body.active).toBe(true);
        expect(check.body.markdown).toContain('The todo tool works.');
        expect(check.body.markdown).toContain(`preset todo.txt, ${todoTxt}`);
    });

    test('hostile text stays literal todo text, in the list and in the data file', async () => {
        const texts = ['--help', '-f', 'rc.data.location=/tmp', '$(id)', '; rm -rf ~', 'first line\nsecond line'];
        for (const text of texts) {
            const res = await tool.route(stack.user1, hostile.id, 'POST', {verb: 'add', arg: text});
            expect(res.status).toBe(200);
            expect(res.body.ok).toBe(true);
        }
        const stored = texts.map((t) => t.replace(/\n/g, ' '));
        const file = path.join(dataRoot, `channel-${hostile.id}`, 'todo.txt');
        expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toEqual(stored);

        const list = await tool.route(stack.user1, hostile.id, 'GET');
        expect(list.body.parsed).toBe(true);
        expect(list.body.items.map((i) => i.text).sort()).toEqual([...stored].sort());
        expect(list.body.text).not.toMatch(/uid=\d+/);

        // Control characters and text-direction overrides are refused before the tool runs.
        for (const text of ['pay \u202eecnalab', '\u001b[2Jgone']) {
            const res = await tool.route(stack.user1, hostile.id, 'POST', {verb: 'add', arg: text});
            expect({status: res.status, code: res.body.code}).toEqual({status: 400, code: 'text_invalid'});
        }
        expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toEqual(stored);
    });

    test('hostile text sent through @todo in chat stays literal todo text', async () => {
        const channel = hostileChat;
        const texts = ['--help', '-f', 'rc.data.location=/tmp', '$(id)', '; rm -rf ~'];
        for (const text of texts) {
            const {answer} = await talk.askInThread(channel, `@todo add ${text}`);
            expect(answer.message).toContain('added.');
        }
        const {answer} = await talk.askInThread(channel, '@todo add first line\nsecond line');
        expect(answer.message).toContain('added.');

        const file = path.join(dataRoot, `channel-${channel.id}`, 'todo.txt');
        const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
        expect(lines.slice(0, texts.length)).toEqual(texts);
        // However the chat door reads a second line, it reaches the file as text, never as a command.
        expect(lines.slice(texts.length).join(' ')).toMatch(/^first line( |$)/);
        expect(lines.join('\n')).toContain('second line');
        expect(lines.join('\n')).not.toMatch(/uid=\d+/);
    });

    test('a person outside the channel can neither read nor change the tool\'s list', async () => {
        const secret = await createScratchChannel(admin, stack.team.id, 'P', [], 'bridge-secret');
        expect((await tool.route(stack.user2, secret.id, 'GET')).status).toBe(403);
        expect((await tool.route(stack.user2, secret.id, 'POST', {verb: 'add', arg: 'x'})).status).toBe(403);
        expect(fs.existsSync(path.join(dataRoot, `channel-${secret.id}`))).toBe(false);
    });

    test('@todo add in a thread gets the tool\'s answer in the thread; /todo list shows it; done 1 completes it', async () => {
        const {root, answer} = await talk.askInThread(chat, '@todo add buy milk');
        expect(answer.root_id).toBe(root.id);
        expect(answer.message).toContain('1 buy milk');
        expect(answer.message).toContain('TODO: 1 added.');

        const listed = await talk.slashAnswer(stack.user1, chat, '/todo list');
        expect(listed).toContain('1 buy milk');

        const done = await talk.askInThread(chat, '@todo done 1');
        expect(done.answer.root_id).toBe(done.root.id);
        expect(done.answer.message).toContain('TODO: 1 marked as done.');

        const list = await tool.route(stack.user1, chat.id, 'GET');
        expect(list.body.items).toEqual([expect.objectContaining({id: '1', text: expect.stringContaining('buy milk'), done: true})]);
    });

    test('REST add and 📝 on a tool-kept list are refused with tool_keeps_list; the store takes nothing, the tool route adds', async () => {
        const channel = await freshChannel('bridge-txt-doors');
        await useTool({preset: 'todo.txt', executable: todoTxt, channels: [`${stack.team.name}/${chat.name}`, hostile.id, `${stack.team.name}/${hostileChat.name}`, channel.id].join(', ')}, channel);
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const file = path.join(dataRoot, `channel-${channel.id}`, 'todo.txt');
        const toolLines = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

        const rest = await api.request('POST', `/channels/${channel.id}/todos`, {body: {text: 'over REST'}});
        expect({status: rest.status, code: (rest.json as {code?: string}).code}).toEqual({status: 409, code: 'tool_keeps_list'});
        expect((rest.json as {error: string}).error).toContain('/todo add');

        const message = await talk.post(stack.user1, channel, 'by reaction');
        const memo = await talk.whisperedAfter(stack.user1, () => clientFor(stack.user1).addReaction(stack.user1.id, message.id, 'memo'));
        expect(memo.whisper.message).toBe('The command-line tool keeps this list, so nothing is added to it here: use `/todo add` instead.');
        expect(memo.whisper.root_id).toBe(message.id);

        expect((await api.listChannelAll(channel.id, {state: 'all'})).todos).toEqual([]);
        expect(toolLines()).toEqual([]);
        expect(await talk.botReplies(stack.user1, message.id)).toEqual([]);

        // The tool's own route (the sidebar's) is the way in.
        const added = await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: 'over the tool route'});
        expect(added.body.ok).toBe(true);
        expect(toolLines()).toEqual(['over the tool route']);
        expect((await api.listChannelAll(channel.id, {state: 'all'})).todos).toEqual([]);
    });
});

describe('the taskwarrior preset', () => {
    let chat: Channel;

    beforeAll(async () => {
        chat = await freshChannel('bridge-task');
        await useTool({preset: 'taskwarrior', executable: findExecutable('task')}, chat);
    });

    test('with no channels listed, a personal list uses the tool too', async () => {
        const added = await tool.call(stack.user2, 'POST', '/users/me/tool', {verb: 'add', arg: 'my own'});
        expect(added.body.active).toBe(true);
        expect(added.body.ok).toBe(true);
        const list = await tool.call(stack.user2, 'GET', '/users/me/tool');
        expect(list.body.items).toEqual([expect.objectContaining({text: 'my own'})]);
        expect(fs.existsSync(path.join(dataRoot, `user-${stack.user2.id}`))).toBe(true);
    });

    test('REST add to a personal list the tool keeps is refused with tool_keeps_list', async () => {
        const api = TodoApi.as(stack.user2, stack.siteURL);
        const rest = await api.request('POST', '/users/me/todos', {body: {text: 'not in the store'}});
        expect({status: rest.status, code: (rest.json as {code?: string}).code}).toEqual({status: 409, code: 'tool_keeps_list'});
        // The personal list may hold todos from before the tool kept it; none is this one.
        expect((await api.listPersonal({state: 'all'})).todos.map((t) => t.text)).not.toContain('not in the store');
    });

    test('add, list and done through REST', async () => {
        const channel = await freshChannel('bridge-task-rest');
        const added = await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: 'rc.data.location=/tmp due:tomorrow +x'});
        expect(added.body.ok).toBe(true);
        expect(added.body.reply).toContain('Created task 1.');

        const list = await tool.route(stack.user1, channel.id, 'GET');
        expect(list.body.parsed).toBe(true);
        expect(list.body.items).toEqual([expect.objectContaining({id: '1', text: 'rc.data.location=/tmp due:tomorrow +x', done: false})]);

        const done = await tool.route(stack.user1, channel.id, 'POST', {verb: 'done', arg: '1'});
        expect(done.body.ok).toBe(true);
        expect((await tool.route(stack.user1, channel.id, 'GET')).body.items).toEqual([]);
    });

    test('@todo add, /todo list and @todo done 1 in chat', async () => {
        const {answer} = await talk.askInThread(chat, '@todo add call mum');
        expect(answer.message).toContain('Created task 1.');

        expect(await talk.slashAnswer(stack.user1, chat, '/todo list')).toContain('1 call mum');

        const done = await talk.askInThread(chat, '@todo done 1');
        expect(done.answer.message).toContain("Completed task 1 'call mum'.");
    });
});

describe('a tool that runs past the timeout', () => {
    let chat: Channel;

    beforeAll(async () => {
        chat = await freshChannel('bridge-slow');
        await useTool({preset: 'todo', executable: path.join(fixtures, 'slow_todo.sh'), timeoutSeconds: 1}, chat);
    });

    test('is stopped with a clear message through REST, and nothing it started keeps running', async () => {
        const marker = `slow-rest-${crypto.randomBytes(6).toString('hex')}`;
        const res = await tool.route(stack.user1, chat.id, 'POST', {verb: 'add', arg: marker});
        expect(res.body.ok).toBe(false);
        expect(res.body.kind).toBe('timeout');
        expect(res.body.reply).toContain('did not finish `add` within its time limit (1 s)');
        await eventually(async () => expect(processesWith(marker)).toEqual([]), 5_000);
    });

    test('answers @todo in the thread with the timeout, and nothing it started keeps running', async () => {
        const marker = `slow-chat-${crypto.randomBytes(6).toString('hex')}`;
        const {root, answer} = await talk.askInThread(chat, `@todo add ${marker}`);
        expect(answer.root_id).toBe(root.id);
        await eventually(async () => expect(processesWith(marker)).toEqual([]), 5_000);
        // A clear message says the tool ran out of time (the exact words may be translated).
        expect(answer.message).toMatch(/did not finish|timed out|time limit|took too long/i);
    });
});

describe('the edit policy on a list the tool keeps (creator and channel admins)', () => {
    test('a member may add and complete but not delete; a system admin may delete', async () => {
        const channel = await freshChannel('bridge-policy');
        await useTool({preset: 'todo.txt', executable: findExecutable('todo-txt'), channels: channel.id}, channel);
        await withSettings(admin, {editpolicy: 'creator_and_admins'}, async () => {
            for (const text of ['first', 'second']) {
                expect((await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: text})).body.ok).toBe(true);
            }
            const refused = await tool.route(stack.user1, channel.id, 'POST', {verb: 'delete', arg: '1'});
            expect({status: refused.status, code: refused.body.code}).toEqual({status: 403, code: 'tool_delete_not_allowed'});
            const chatRefused = await talk.askInThread(channel, '@todo delete 1');
            expect(chatRefused.answer.message).toContain("Only the channel's admins can delete todos from this list");

            // The tool still has both lines: the refusals ran nothing.
            const file = path.join(dataRoot, `channel-${channel.id}`, 'todo.txt');
            expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toEqual(['first', 'second']);
            expect((await tool.route(stack.user1, channel.id, 'GET')).body.can_delete).toBe(false);

            expect((await tool.route(stack.user1, channel.id, 'POST', {verb: 'done', arg: '2'})).body.ok).toBe(true);
            expect((await tool.route(stack.admin, channel.id, 'GET')).body.can_delete).toBe(true);
            const deleted = await tool.route(stack.admin, channel.id, 'POST', {verb: 'delete', arg: '1'});
            expect(deleted.status).toBe(200);
            expect(deleted.body.ok).toBe(true);
            expect(fs.readFileSync(file, 'utf8')).not.toMatch(/^first$/m);
        });
    });
});

describe('one answer at every door on a list the tool keeps', () => {
    test('/todo and REST add and list alike, and refuse a delete alike under the edit policy', async () => {
        const channel = await freshChannel('bridge-doors');
        await useTool({preset: 'todo.txt', executable: findExecutable('todo-txt'), channels: channel.id}, channel);
        expect(await talk.slashAnswer(stack.user1, channel, '/todo add first')).toContain('TODO: 1 added.');
        expect((await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: 'second'})).body.reply).toContain('TODO: 2 added.');

        const listed = await talk.slashAnswer(stack.user1, channel, '/todo list');
        const restListed = await tool.route(stack.user1, channel.id, 'GET');
        expect(listed).toContain('2 second');
        expect(listed).toBe(restListed.body.reply);

        await withSettings(admin, {editpolicy: 'creator_and_admins'}, async () => {
            const slash = await talk.slashAnswer(stack.user1, channel, '/todo delete 1');
            const rest = await tool.route(stack.user1, channel.id, 'POST', {verb: 'delete', arg: '1'});
            expect(slash).toBe("Only the channel's admins can delete todos from this list: the command-line tool that keeps it does not record who created them.");
            expect({status: rest.status, code: rest.body.code}).toEqual({status: 403, code: 'tool_delete_not_allowed'});
        });
        const file = path.join(dataRoot, `channel-${channel.id}`, 'todo.txt');
        expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toEqual(['first', 'second']);
    });
});

describe('disabling the plugin while a tool runs', () => {
    test('stops the tool and everything it started, and the plugin comes back when enabled', async () => {
        const channel = await freshChannel('bridge-deactivate');
        // The probe in useTool lists through the tool, so it gets a short limit; then a limit far
        // beyond the test, so only deactivation can stop the tool in time.
        await useTool({preset: 'todo', executable: path.join(fixtures, 'slow_todo.sh'), timeoutSeconds: 1}, channel);
        await saveSettings(admin, {bridgetimeoutseconds: 300});
        const marker = `deactivate-${crypto.randomBytes(6).toString('hex')}`;
        const pending = tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: marker}).catch((err: unknown) => err);
        await eventually(async () => expect(processesWith(marker)).not.toEqual([]), 20_000);

        await admin.disablePlugin(pluginId);
        try {
            await eventually(async () => expect(processesWith(marker)).toEqual([]), 10_000);
            await pending;
        } finally {
            await admin.enablePlugin(pluginId);
            await eventually(async () => {
                const statuses = await admin.getPluginStatuses();
                expect(statuses.find((s) => s.plugin_id === pluginId)?.state).toBe(PluginState.Running);
            }, 30_000);
        }
        // Enabled again, the plugin answers (a built-in list: this channel's tool would hang); the
        // settings are restored by this file's afterAll.
        const {todos} = await TodoApi.as(stack.user1, stack.siteURL).listChannel(stack.channels.public.id);
        expect(Array.isArray(todos)).toBe(true);
    });
});

describe('an admin who configures the tool', () => {
    test('is told when the executable is missing by the check', async () => {
        // Saving a path that does not exist is refused, so the tool disappears after saving.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-gone-'));
        const executable = path.join(dir, 'todo');
        fs.writeFileSync(executable, '#!/bin/sh\nexit 0\n', {mode: 0o755});
        try {
            const probe = await freshChannel('bridge-gone');
            await useTool({preset: 'todo', executable}, probe);
            fs.rmSync(dir, {recursive: true, force: true});

            const check = await tool.call<{ok: boolean; markdown: string}>(stack.admin, 'POST', '/bridge/check');
            expect(check.status).toBe(200);
            expect(check.body.ok).toBe(false);
            expect(check.body.markdown).toContain('The todo tool does not work yet.');
            expect(check.body.markdown).toContain(`Executable ${executable} does not exist on this server`);

            const res = await tool.route(stack.user1, probe.id, 'POST', {verb: 'add', arg: 'anything'});
            expect(res.body.ok).toBe(false);
            expect(res.body.kind).toBe('missing_executable');
            expect(res.body.reply).toContain('is not installed on this server');
            expect(res.body.reply).not.toContain(dir); // people are not told paths on the server
        } finally {
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });

    test('cannot save a relative executable path, and is told why', async () => {
        const before = pluginSettings(await admin.getConfig());
        await expect(saveSettings(admin, {
            bridgebackend: 'cli', bridgepreset: 'todo.txt', bridgeexecutable: 'todo-txt', bridgedataroot: dataRoot,
        })).rejects.toMatchObject({message: expect.stringContaining('Executable path "todo-txt" is not absolute')});
        expect(pluginSettings(await admin.getConfig())).toEqual(before);
    });
});

describe('switching the backend back to built-in', () => {
    test('keeps the built-in todos a channel had before the tool kept its list', async () => {
        const channel = await freshChannel('bridge-back');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        // The describes before leave the tool keeping every list, and a tool-kept list takes no
        // built-in todos (409 tool_keeps_list): the store keeps this one while the tool is off.
        await saveSettings(admin, {bridgebackend: 'builtin'});
        const kept = await api.addToChannel(channel.id, {text: 'Built-in, before the tool'});

        await useTool({preset: 'todo.txt', executable: findExecutable('todo-txt'), channels: channel.id}, channel);
        const added = await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: 'kept by the tool'});
        expect(added.body.ok).toBe(true);

        // Back to built-in: the save is in effect when it returns (see plugin_config.ts).
        await saveSettings(admin, {bridgebackend: 'builtin'});
        expect((await tool.route(stack.user1, channel.id, 'GET')).body.active).toBe(false);
        const {todos} = await api.listChannel(channel.id, {state: 'all'});
        expect(todos.map((t) => ({id: t.id, number: t.number, text: t.text}))).toEqual([{id: kept.id, number: 1, text: 'Built-in, before the tool'}]);
        // And the list goes on from where it was.
        expect((await api.addToChannel(channel.id, {text: 'after'})).number).toBe(2);
    });
});
