// The harness's own promises: the server is configured as documented and seeded as documented.
// Scenario tests rely on these facts, so they are checked rather than assumed.
import fs from 'node:fs';
import path from 'node:path';

import type {AdminConfig} from '@mattermost/types/config';
import type {Post} from '@mattermost/types/posts';

import {Chat} from '../../harness/chat';
import {repoRoot} from '../../harness/paths';
import {withSettings} from '../../harness/plugin_config';
import {clientFor, loadState} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {EventStream} from '../../harness/websocket';
import {openScene} from '../../harness/scene';

const {stack} = openScene();

describe('the server', () => {
    let config: AdminConfig;

    beforeAll(async () => {
        config = await clientFor(stack.admin).getConfig();
    });

    test('listens on loopback only, at the site URL', () => {
        const url = new URL(stack.siteURL);
        expect(url.hostname).toBe('127.0.0.1');
        expect(config.ServiceSettings.ListenAddress).toBe(`127.0.0.1:${url.port}`);
        expect(config.ServiceSettings.SiteURL).toBe(stack.siteURL);
    });

    test.each([
        ['PluginSettings.Enable', (c: AdminConfig) => c.PluginSettings.Enable, true],
        ['PluginSettings.EnableUploads', (c: AdminConfig) => c.PluginSettings.EnableUploads, true],
        ['PluginSettings.RequirePluginSignature', (c: AdminConfig) => c.PluginSettings.RequirePluginSignature, false],
        ['LogSettings.EnableDiagnostics (telemetry)', (c: AdminConfig) => c.LogSettings.EnableDiagnostics, false],
        ['ServiceSettings.EnableLocalMode', (c: AdminConfig) => c.ServiceSettings.EnableLocalMode, true],
        ['RateLimitSettings.Enable', (c: AdminConfig) => c.RateLimitSettings.Enable, false],
        ['SqlSettings.DriverName', (c: AdminConfig) => c.SqlSettings.DriverName, 'postgres'],
    ])('has %s set', (_name, read, expected) => {
        expect(read(config)).toBe(expected);
    });
});

describe('the pin', () => {
    // plugin.json promises the plugin works from min_server_version on; that promise is only
    // tested if the suite runs against exactly that release (see README: moving the pin).
    test('is the release plugin.json names as min_server_version', () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'plugin.json'), 'utf8')) as {min_server_version: string};
        expect(loadState().serverVersion).toBe(manifest.min_server_version);
    });
});

describe('the seed', () => {
    test('makes the admin the only system admin', async () => {
        const admin = clientFor(stack.admin);
        const roles = await Promise.all(['admin', 'user1', 'user2'].map(async (who) => {
            const login = stack[who as 'admin' | 'user1' | 'user2'];
            const user = await admin.getUser(login.id);
            return user.roles.split(' ').includes('system_admin');
        }));
        expect(roles).toEqual([true, false, false]);
    });

    test.each([
        ['user1', 'public', true],
        ['user1', 'private', true],
        ['user2', 'public', true],
        ['user2', 'private', false],
        ['user2', 'town', true],
    ] as const)('%s in the %s channel: member=%s', async (who, where, member) => {
        const channels = await clientFor(stack[who]).getMyChannels(stack.team.id);
        expect(channels.some((c) => c.id === stack.channels[where].id)).toBe(member);
    });

    test('gives every login a working token for its own user', async () => {
        for (const login of [stack.admin, stack.user1, stack.user2]) {
            const me = await clientFor(login).getMe();
            expect(me.id).toBe(login.id);
            expect(me.username).toBe(login.username);
        }
    });
});

describe('the WebSocket', () => {
    test('delivers a post to another member of the channel as it happens', async () => {
        const stream = await EventStream.connect(stack.siteURL, stack.user2);
        try {
            const message = `harness websocket check ${Date.now()}`;
            const post = await clientFor(stack.user1).createPost({channel_id: stack.channels.public.id, message} as Post);
            const event = await stream.next((e) => e.event === 'posted' && (JSON.parse(String(e.data.post)) as Post).id === post.id);
            expect(event.broadcast.channel_id).toBe(stack.channels.public.id);
            expect((JSON.parse(String(event.data.post)) as Post).message).toBe(message);
        } finally {
            stream.close();
        }
    });
});

// Tests assert permissions once after a save instead of retrying: that holds only if a save has
// reached the plugin when it returns. Checked with a setting whose effect shows in one try.
describe('plugin settings', () => {
    test('are in effect in the plugin as soon as the save returns, and so is the restore', async () => {
        const chat = new Chat(stack);
        const channel = await chat.newChannel('settings-arrive');
        const word = `probe${Date.now().toString(36)}:`;
        await withSettings(clientFor(stack.admin), {triggerwords: word}, async () => {
            const asked = await chat.post(stack.user1, channel, `${word} add ${unique('arrived')}`);
            const [answer] = await chat.waitForReplies(asked.id, 1, stack.user1);
            expect(answer.message).toMatch(/^Added \*\*#1\*\*/);
        });
        // Restored before withSettings returned: the word is a word again.
        const after = await chat.post(stack.user1, channel, `${word} add not a command`);
        await chat.post(stack.user1, channel, '@todo list', after.id);
        const [reply] = await chat.waitForReplies(after.id, 1, stack.user1);
        expect(reply.message).toContain('1 open todo');
        const {todos} = await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id, {state: 'all'});
        expect(todos).toHaveLength(1);
    });
});
