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
import type {AdminConfig} from '@mattermost/types/config';
import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';

import {clientFor, loadStack, type Login, type Stack} from '../../harness/stack';
import {EventStream} from '../../harness/websocket';

const pluginId = 'channel-todo';
const fixtures = path.resolve(__dirname, '../../fixtures');

let stack: Stack;
let admin: Client4;
let dataRoot: string;
let originalSettings: Record<string, unknown> | undefined;

/** The absolute path of a program on PATH, as an admin would enter it. */
function findExecutable(name: string): string {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            return candidate;
        } catch {
            // not in this directory
        }
    }
    throw new Error(`${name} is not installed; make deps installs it (build/apt-packages.txt)`);
}

function pluginSettings(config: AdminConfig): Record<string, unknown> {
    return (config.PluginSettings.Plugins[pluginId] ?? {}) as Record<string, unknown>;
}

/** Saves the plugin's settings through PUT /api/v4/config, as the System Console does. */
async function saveSettings(settings: Record<string, unknown>): Promise<void> {
    const config = await admin.getConfig();
    config.PluginSettings.Plugins[pluginId] = {...pluginSettings(config), ...settings};
    await admin.updateConfig(config);
}

type Bridge = {preset: string; executable: string; timeoutSeconds?: number; channels?: string};

/** Turns the tool on for every list (or the listed channels) and waits until the plugin uses it. */
async function useTool(bridge: Bridge, probe: Channel): Promise<void> {
    await saveSettings({
        bridgebackend: 'cli',
        bridgepreset: bridge.preset,
        bridgeexecutable: bridge.executable,
        bridgedataroot: dataRoot,
        bridgetimeoutseconds: bridge.timeoutSeconds ?? 30,
        bridgechannels: bridge.channels ?? '',
    });
    // The settings reach the plugin through OnConfigurationChange; wait for it rather than
    // assume it happened inside the PUT.
    await eventually(async () => {
        const res = await toolRoute(stack.admin, probe.id, 'GET');
        expect(res.status).toBe(200);
        expect(res.body.active).toBe(true);
        expect(res.body.preset).toBe(bridge.preset);
    });
}

/** Retries an assertion until it holds or the deadline passes (a deadline, not a speed check). */
async function eventually(check: () => Promise<void>, deadlineMs = 20_000): Promise<void> {
    const end = Date.now() + deadlineMs;
    for (;;) {
        try {
            await check();
            return;
        } catch (err) {
            if (Date.now() > end) {
                throw err;
            }
            await new Promise((r) => setTimeout(r, 200));
        }
    }
}

type ToolBody = {
    active: boolean;
    preset?: string;
    ok: boolean;
    kind?: string;
    text: string;
    parsed: boolean;
    items: Array<{id: string; key: string; text: string; done: boolean}>;
    reply?: string;
    error?: string;
    code?: string;
};

/** Calls the plugin's tool route for a channel's list as a user. */
async function toolRoute(login: Login, channelId: string, method: 'GET' | 'POST', body?: {verb: string; arg?: string}): Promise<{status: number; body: ToolBody}> {
    return pluginCall(login, method, `/channels/${channelId}/tool`, body);
}

async function pluginCall<T = ToolBody>(login: Login, method: string, route: string, body?: unknown): Promise<{status: number; body: T}> {
    const res = await fetch(`${stack.siteURL}/plugins/${pluginId}/api/v1${route}`, {
        method,
        headers: {'Authorization': `Bearer ${login.token}`, 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {status: res.status, body: await res.json() as T};
}

/** A fresh channel with user1 in it, so each list starts empty and numbers start at 1. */
async function freshChannel(prefix: string): Promise<Channel> {
    const name = `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
    const channel = await admin.createChannel({team_id: stack.team.id, name, display_name: name, type: 'O'} as Channel);
    await admin.addToChannel(stack.user1.id, channel.id);
    return channel;
}

/** Posts `message` as a reply in a new thread and returns the bot's answer in that thread. */
async function askInThread(channel: Channel, message: string): Promise<{root: Post; answer: Post}> {
    const user1 = clientFor(stack.user1);
    const root = await user1.createPost({channel_id: channel.id, message: `thread for ${message.slice(0, 40)}`} as Post);
    await user1.createPost({channel_id: channel.id, root_id: root.id, message} as Post);
    let answer: Post | undefined;
    await eventually(async () => {
        const thread = await user1.getPostThread(root.id);
        answer = Object.values(thread.posts).find((p) => p.user_id === stack.botUserId);
        expect(answer).toBeDefined();
    });
    return {root, answer: answer as Post};
}

/** What a user sees after a slash command: the response text, or the bot's ephemeral or posted reply. */
async function slashAnswer(channel: Channel, command: string): Promise<string> {
    const ws = await EventStream.connect(stack.siteURL, stack.user1);
    try {
        const response = await clientFor(stack.user1).executeCommand(command, {channel_id: channel.id, team_id: stack.team.id});
        if (response.text) {
            return response.text;
        }
        const event = await ws.next((e) => (e.event === 'ephemeral_message' || e.event === 'posted') &&
            JSON.parse(String(e.data.post)).user_id === stack.botUserId);
        return (JSON.parse(String(event.data.post)) as Post).message;
    } finally {
        ws.close();
    }
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
    originalSettings = {...pluginSettings(await admin.getConfig())};
    dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-bridge-'));
});

afterAll(async () => {
    if (admin) {
        const config = await admin.getConfig();
        config.PluginSettings.Plugins[pluginId] = {...originalSettings, bridgebackend: 'builtin'};
        await admin.updateConfig(config);
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
            expect((await toolRoute(stack.user1, id, 'GET')).body.active).toBe(true);
        }
        const unlisted = await toolRoute(stack.user1, stack.channels.public.id, 'GET');
        expect(unlisted.status).toBe(200);
        expect(unlisted.body.active).toBe(false);
        const personal = await pluginCall(stack.user1, 'GET', '/users/me/tool');
        expect(personal.body.active).toBe(false);
        expect(fs.existsSync(path.join(dataRoot, `channel-${stack.channels.public.id}`))).toBe(false);
    });

    test('an admin check of the tool passes, and only admins may run it', async () => {
        const refused = await pluginCall<{code: string}>(stack.user1, 'POST', '/bridge/check');
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('system_admin_only');

        const check = await pluginCall<{ok: boolean; active: boolean; markdown: string}>(stack.admin, 'POST', '/bridge/check');
        expect(check.status).toBe(200);
        expect(check.body.ok).toBe(true);
        expect(check.body.active).toBe(true);
        expect(check.body.markdown).toContain('The todo tool works.');
        expect(check.body.markdown).toContain(`preset todo.txt, ${todoTxt}`);
    });

    test('hostile text stays literal todo text, in the list and in the data file', async () => {
        const texts = ['--help', '-f', 'rc.data.location=/tmp', '$(id)', '; rm -rf ~', 'first line\nsecond line'];
        for (const text of texts) {
            const res = await toolRoute(stack.user1, hostile.id, 'POST', {verb: 'add', arg: text});
            expect(res.status).toBe(200);
            expect(res.body.ok).toBe(true);
        }
        const stored = texts.map((t) => t.replace(/\n/g, ' '));
        const file = path.join(dataRoot, `channel-${hostile.id}`, 'todo.txt');
        expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toEqual(stored);

        const list = await toolRoute(stack.user1, hostile.id, 'GET');
        expect(list.body.parsed).toBe(true);
        expect(list.body.items.map((i) => i.text).sort()).toEqual([...stored].sort());
        expect(list.body.text).not.toMatch(/uid=\d+/);
    });

    test('hostile text sent through @todo in chat stays literal todo text', async () => {
        const channel = hostileChat;
        const texts = ['--help', '-f', 'rc.data.location=/tmp', '$(id)', '; rm -rf ~'];
        for (const text of texts) {
            const {answer} = await askInThread(channel, `@todo add ${text}`);
            expect(answer.message).toContain('added.');
        }
        const {answer} = await askInThread(channel, '@todo add first line\nsecond line');
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
        const secret = await admin.createChannel({team_id: stack.team.id, name: `bridge-secret-${crypto.randomBytes(4).toString('hex')}`, display_name: 'secret', type: 'P'} as Channel);
        expect((await toolRoute(stack.user2, secret.id, 'GET')).status).toBe(403);
        expect((await toolRoute(stack.user2, secret.id, 'POST', {verb: 'add', arg: 'x'})).status).toBe(403);
        expect(fs.existsSync(path.join(dataRoot, `channel-${secret.id}`))).toBe(false);
    });

    test('@todo add in a thread gets the tool\'s answer in the thread; /todo list shows it; done 1 completes it', async () => {
        const {root, answer} = await askInThread(chat, '@todo add buy milk');
        expect(answer.root_id).toBe(root.id);
        expect(answer.message).toContain('1 buy milk');
        expect(answer.message).toContain('TODO: 1 added.');

        const listed = await slashAnswer(chat, '/todo list');
        expect(listed).toContain('1 buy milk');

        const done = await askInThread(chat, '@todo done 1');
        expect(done.answer.root_id).toBe(done.root.id);
        expect(done.answer.message).toContain('TODO: 1 marked as done.');

        const list = await toolRoute(stack.user1, chat.id, 'GET');
        expect(list.body.items).toEqual([expect.objectContaining({id: '1', text: expect.stringContaining('buy milk'), done: true})]);
    });
});

describe('the taskwarrior preset', () => {
    let chat: Channel;

    beforeAll(async () => {
        chat = await freshChannel('bridge-task');
        await useTool({preset: 'taskwarrior', executable: findExecutable('task')}, chat);
    });

    test('with no channels listed, a personal list uses the tool too', async () => {
        const added = await pluginCall(stack.user2, 'POST', '/users/me/tool', {verb: 'add', arg: 'my own'});
        expect(added.body.active).toBe(true);
        expect(added.body.ok).toBe(true);
        const list = await pluginCall(stack.user2, 'GET', '/users/me/tool');
        expect(list.body.items).toEqual([expect.objectContaining({text: 'my own'})]);
        expect(fs.existsSync(path.join(dataRoot, `user-${stack.user2.id}`))).toBe(true);
    });

    test('add, list and done through REST', async () => {
        const channel = await freshChannel('bridge-task-rest');
        const added = await toolRoute(stack.user1, channel.id, 'POST', {verb: 'add', arg: 'rc.data.location=/tmp due:tomorrow +x'});
        expect(added.body.ok).toBe(true);
        expect(added.body.reply).toContain('Created task 1.');

        const list = await toolRoute(stack.user1, channel.id, 'GET');
        expect(list.body.parsed).toBe(true);
        expect(list.body.items).toEqual([expect.objectContaining({id: '1', text: 'rc.data.location=/tmp due:tomorrow +x', done: false})]);

        const done = await toolRoute(stack.user1, channel.id, 'POST', {verb: 'done', arg: '1'});
        expect(done.body.ok).toBe(true);
        expect((await toolRoute(stack.user1, channel.id, 'GET')).body.items).toEqual([]);
    });

    test('@todo add, /todo list and @todo done 1 in chat', async () => {
        const {answer} = await askInThread(chat, '@todo add call mum');
        expect(answer.message).toContain('Created task 1.');

        expect(await slashAnswer(chat, '/todo list')).toContain('1 call mum');

        const done = await askInThread(chat, '@todo done 1');
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
        const res = await toolRoute(stack.user1, chat.id, 'POST', {verb: 'add', arg: marker});
        expect(res.body.ok).toBe(false);
        expect(res.body.kind).toBe('timeout');
        expect(res.body.reply).toContain('did not finish `add` in time');
        await eventually(async () => expect(processesWith(marker)).toEqual([]), 5_000);
    });

    test('answers @todo in the thread with the timeout, and nothing it started keeps running', async () => {
        const marker = `slow-chat-${crypto.randomBytes(6).toString('hex')}`;
        const {root, answer} = await askInThread(chat, `@todo add ${marker}`);
        expect(answer.root_id).toBe(root.id);
        await eventually(async () => expect(processesWith(marker)).toEqual([]), 5_000);
        // A clear message says the tool ran out of time (the exact words may be translated).
        expect(answer.message).toMatch(/did not finish|timed out|time limit|took too long/i);
    });
});

describe('an admin who configures the tool', () => {
    test('is told when the executable is missing by the check', async () => {
        // Saving a path that does not exist is refused, so the tool disappears after saving.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-gone-'));
        const tool = path.join(dir, 'todo');
        fs.writeFileSync(tool, '#!/bin/sh\nexit 0\n', {mode: 0o755});
        try {
            const probe = await freshChannel('bridge-gone');
            await useTool({preset: 'todo', executable: tool}, probe);
            fs.rmSync(dir, {recursive: true, force: true});

            const check = await pluginCall<{ok: boolean; markdown: string}>(stack.admin, 'POST', '/bridge/check');
            expect(check.status).toBe(200);
            expect(check.body.ok).toBe(false);
            expect(check.body.markdown).toContain('The todo tool does not work yet.');
            expect(check.body.markdown).toContain(`Executable ${tool} does not exist on this server`);

            const res = await toolRoute(stack.user1, probe.id, 'POST', {verb: 'add', arg: 'anything'});
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
        await expect(saveSettings({
            bridgebackend: 'cli', bridgepreset: 'todo.txt', bridgeexecutable: 'todo-txt', bridgedataroot: dataRoot,
        })).rejects.toMatchObject({message: expect.stringContaining('Executable path "todo-txt" is not absolute')});
        expect(pluginSettings(await admin.getConfig())).toEqual(before);
    });
});
