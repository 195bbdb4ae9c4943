// `/todo bridge check` on the real server: a system admin tests the configured todo.txt tool
// from chat and gets the report privately; anyone else is told the check is for system admins.
// Nothing of it is ever posted in the channel. The settings are restored afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';

import {Chat} from '../../harness/chat';
import {currentSettings, replaceSettings, type PluginSettings} from '../../harness/plugin_config';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack, type Login, type Stack} from '../../harness/stack';
import {findExecutable, ToolBridge} from '../../harness/tool_bridge';

let stack: Stack;
let admin: Client4;
let chat: Chat;
let dataRoot: string;
let originalSettings: PluginSettings | undefined;
let channel: Channel;
let todoTxt: string;

/** Runs a slash command as login and returns what Mattermost answered, with the answer's kind. */
async function slash(login: Login, command: string, rootId = ''): Promise<{text: string; type: string | undefined}> {
    const response = await chat.slash(login, channel, command, rootId);
    return {text: response.text ?? '', type: response.response_type};
}

/** The lines of the channel's todo.txt file (the probe's `list` may have created it empty). */
function channelTodos(): string[] {
    const file = path.join(dataRoot, `channel-${channel.id}`, 'todo.txt');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

beforeAll(async () => {
    stack = loadStack();
    admin = clientFor(stack.admin);
    chat = new Chat(stack);
    todoTxt = findExecutable('todo-txt');
    originalSettings = await currentSettings(admin);
    dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-check-'));
    channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'bridge-check');

    // todo.txt for this channel only, saved as the System Console saves it.
    await new ToolBridge(stack).use({preset: 'todo.txt', executable: todoTxt, dataRoot, channels: channel.id}, channel.id);
});

afterAll(async () => {
    if (admin) {
        await replaceSettings(admin, {...originalSettings, bridgebackend: 'builtin'});
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

        const root = await chat.post(stack.admin, channel, 'is the todo tool working?');
        const inThread = await slash(stack.admin, '/todo bridge check', root.id);
        expect(inThread.type).toBe('ephemeral');
        expect(inThread.text).toContain('The todo tool works.');

        // An @todo mention in the thread is answered to the admin alone too.
        const {whisper} = await chat.whisperedAfter(stack.admin, () => chat.post(stack.admin, channel, '@todo bridge check', root.id));
        expect(whisper.root_id).toBe(root.id);
        expect(whisper.message).toContain('The todo tool works.');

        // The scratch directory is gone and the channel's own list holds nothing of the check.
        expect(fs.readdirSync(dataRoot).filter((f) => f.startsWith('.selftest-'))).toEqual([]);
        expect(channelTodos()).toEqual([]);
        expect(await chat.botPosts(stack.admin, channel)).toEqual([]);
    });

    test('user1 is told that only system admins can check the tool, and learns nothing about it', async () => {
        const answer = await slash(stack.user1, '/todo bridge check');
        expect(answer.type).toBe('ephemeral');
        expect(answer.text).toBe('Only system admins can check the command-line tool. If the todo tool misbehaves, please tell your system administrator.');
        expect(answer.text).not.toContain(todoTxt);
        expect(await chat.botPosts(stack.admin, channel)).toEqual([]);
    });

    test('"bridge" followed by other words is still a todo', async () => {
        const answer = await slash(stack.user1, '/todo bridge the gap');
        expect(answer.text).not.toContain('system admins');
        expect(channelTodos()).toEqual(['bridge the gap']);
    });
});
