// `/todo bridge check` on the real server: a system admin tests the configured todo.txt tool
// from chat and gets the report privately; anyone else is told the check is for system admins.
// Nothing of it is ever posted in the channel. The settings are restored afterwards.
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

let stack: Stack;
let admin: Client4;
let dataRoot: string;
let originalSettings: Record<string, unknown> | undefined;
let channel: Channel;
let todoTxt: string;

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

/** Whether the plugin already keeps channelId's list with the tool (its settings have arrived). */
async function toolActive(channelId: string): Promise<boolean> {
    const res = await fetch(`${stack.siteURL}/plugins/${pluginId}/api/v1/channels/${channelId}/tool`, {
        headers: {'Authorization': `Bearer ${stack.admin.token}`, 'X-Requested-With': 'XMLHttpRequest'},
    });
    const body = await res.json() as {active?: boolean};
    return res.status === 200 && body.active === true;
}

/** Runs a slash command as login and returns what Mattermost answered, with the answer's kind. */
async function slash(login: Login, command: string, rootId = ''): Promise<{text: string; type: string | undefined}> {
    const response = await clientFor(login).executeCommand(command, {channel_id: channel.id, team_id: stack.team.id, root_id: rootId});
    return {text: response.text ?? '', type: response.response_type};
}

/** The bot's posts in the channel, threads included. */
async function botPosts(): Promise<Post[]> {
    const list = await admin.getPosts(channel.id, 0, 200);
    return Object.values(list.posts).filter((p) => p.user_id === stack.botUserId);
}

/** The lines of the channel's todo.txt file (the probe's `list` may have created it empty). */
function channelTodos(): string[] {
    const file = path.join(dataRoot, `channel-${channel.id}`, 'todo.txt');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

beforeAll(async () => {
    stack = loadStack();
    admin = clientFor(stack.admin);
    todoTxt = findExecutable('todo-txt');
    originalSettings = {...pluginSettings(await admin.getConfig())};
    dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-check-'));

    const name = `bridge-check-${crypto.randomBytes(4).toString('hex')}`;
    channel = await admin.createChannel({team_id: stack.team.id, name, display_name: name, type: 'O'} as Channel);
    await admin.addToChannel(stack.user1.id, channel.id);

    // todo.txt for this channel only, saved as the System Console saves it.
    const config = await admin.getConfig();
    config.PluginSettings.Plugins[pluginId] = {
        ...pluginSettings(config),
        bridgebackend: 'cli',
        bridgepreset: 'todo.txt',
        bridgeexecutable: todoTxt,
        bridgedataroot: dataRoot,
        bridgetimeoutseconds: 30,
        bridgechannels: channel.id,
    };
    await admin.updateConfig(config);
    await eventually(async () => expect(await toolActive(channel.id)).toBe(true));
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

describe('/todo bridge check', () => {
    test('a system admin gets a passing report for todo.txt, privately, in the channel, in a thread and by mention', async () => {
        const answer = await slash(stack.admin, '/todo bridge check');
        expect(answer.type).toBe('ephemeral');
        expect(answer.text).toContain('#### Command-line tool check');
        expect(answer.text).toContain('The todo tool works.');
        expect(answer.text).toContain(`check settings: ok (preset todo.txt, ${todoTxt})`);
        expect(answer.text).toContain('delete the todo: ok');
        expect(answer.text).toContain('list again: ok (the todo is gone)');
        expect(answer.text).not.toContain('FAILED');

        const root = await admin.createPost({channel_id: channel.id, message: 'is the todo tool working?'} as Post);
        const inThread = await slash(stack.admin, '/todo bridge check', root.id);
        expect(inThread.type).toBe('ephemeral');
        expect(inThread.text).toContain('The todo tool works.');

        // An @todo mention in the thread is answered to the admin alone too.
        const ws = await EventStream.connect(stack.siteURL, stack.admin);
        try {
            const whispered = ws.next((e) => e.event === 'ephemeral_message' &&
                (JSON.parse(String(e.data.post)) as Post).user_id === stack.botUserId);
            await admin.createPost({channel_id: channel.id, root_id: root.id, message: '@todo bridge check'} as Post);
            const post = JSON.parse(String((await whispered).data.post)) as Post;
            expect(post.root_id).toBe(root.id);
            expect(post.message).toContain('The todo tool works.');
        } finally {
            ws.close();
        }

        // The scratch directory is gone and the channel's own list holds nothing of the check.
        expect(fs.readdirSync(dataRoot).filter((f) => f.startsWith('.selftest-'))).toEqual([]);
        expect(channelTodos()).toEqual([]);
        expect(await botPosts()).toEqual([]);
    });

    test('user1 is told that only system admins can check the tool, and learns nothing about it', async () => {
        const answer = await slash(stack.user1, '/todo bridge check');
        expect(answer.type).toBe('ephemeral');
        expect(answer.text).toBe('Only system admins can check the command-line tool. If the todo tool misbehaves, please tell your system administrator.');
        expect(answer.text).not.toContain(todoTxt);
        expect(await botPosts()).toEqual([]);
    });

    test('"bridge" followed by other words is still a todo', async () => {
        const answer = await slash(stack.user1, '/todo bridge the gap');
        expect(answer.text).not.toContain('system admins');
        expect(channelTodos()).toEqual(['bridge the gap']);
    });
});
