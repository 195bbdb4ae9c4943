// The bot's account on the real server: an admin renames it in the System Console, and a
// username that belongs to a person is refused, leaving that person alone.
import crypto from 'node:crypto';
import fs from 'node:fs';

import type {Client4} from '@mattermost/client';
import type {Post} from '@mattermost/types/posts';
import type {UserProfile} from '@mattermost/types/users';

import {eventually} from '../../harness/eventually';
import {PluginState} from '../../harness/plugin';
import {currentSettings, pluginId, replaceSettings, saveSettings, withSettings} from '../../harness/plugin_config';
import {anonymousClient, loadState} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {openScene} from '../../harness/scene';

const {stack, admin, chat} = openScene();

/** A username no other test uses, short enough for a bot (at most 22 characters). */
function freshUsername(prefix: string): string {
    return `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
}

/** The plugin's state once it has finished starting (or failed to). */
async function settledState(): Promise<number> {
    let state: number | undefined;
    await eventually(async () => {
        state = (await admin.getPluginStatuses()).find((st) => st.plugin_id === pluginId)?.state;
        expect([PluginState.Running, PluginState.FailedToStart, PluginState.FailedToStayRunning]).toContain(state);
    }, 60_000);
    return state as number;
}

/** Creates a person (not a bot) with the given username in the team, signed in. */
async function createPerson(username: string): Promise<{person: UserProfile; client: Client4}> {
    const password = 'Password-1234!';
    const person = await admin.createUser({username, email: `${username}@example.com`, password} as UserProfile, '', '');
    await admin.addToTeam(stack.team.id, person.id);
    const client = anonymousClient(stack.siteURL);
    await client.login(username, password);
    return {person, client};
}

describe('a bot username that belongs to a person', () => {
    test('is refused when an admin saves it, and the person is left untouched', async () => {
        const name = freshUsername('alice');
        const {person, client: personClient} = await createPerson(name);
        const channel = await chat.newChannel('bot-person');
        await admin.addToChannel(person.id, channel.id);
        const theirPost = await personClient.createPost({channel_id: channel.id, message: `hello from the real @${name}`} as Post);
        const before = await admin.getUser(person.id);
        const settingsBefore = await currentSettings(admin);

        await expect(saveSettings(admin, {botusername: name})).rejects.toThrow(
            `Channel Todo: bot username "${name}" belongs to a person's account (@${name}): choose another bot username, or rename that account first`);

        expect((await currentSettings(admin)).botusername).toBe(settingsBefore.botusername);
        const after = await admin.getUser(person.id);
        expect(after.is_bot ?? false).toBe(false);
        expect(after.last_picture_update).toBe(before.last_picture_update);
        expect(after.update_at).toBe(before.update_at);
        expect((await admin.getPost(theirPost.id)).message).toBe(`hello from the real @${name}`);

        // The bot still answers to its own name, and a mention of the person is not a command.
        const mentioned = await chat.post(stack.user1, channel, `@${name} add ${unique('not for the bot')}`);
        const asked = await chat.post(stack.user1, channel, '@todo list');
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.user_id).toBe(stack.botUserId);
        expect(answer.message).toContain('No open todos');
        expect(await chat.botReplies(stack.user1, mentioned.id)).toEqual([]);
        expect((await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id, {state: 'all'})).todos).toEqual([]);
    });
});

describe('a person\'s username saved while the plugin is off', () => {
    test('stops activation, says why in the server log, and leaves the person alone', async () => {
        const name = freshUsername('bob');
        const {person} = await createPerson(name);
        const before = await admin.getUser(person.id);
        const original = await currentSettings(admin);
        await admin.disablePlugin(pluginId);
        try {
            // No plugin hook checks a save while the plugin is disabled (as when an admin edits config.json).
            await replaceSettings(admin, {...original, botusername: name});
            await admin.enablePlugin(pluginId).catch(() => undefined);
            expect(await settledState()).toBe(PluginState.FailedToStart);
            const logged = fs.readFileSync(loadState().logFile, 'utf8').split('\n').filter((l) => l.includes('Channel Todo cannot start'));
            expect(logged.some((l) => l.includes(name) && l.includes("belongs to a person's account"))).toBe(true);
            const after = await admin.getUser(person.id);
            expect(after.is_bot ?? false).toBe(false);
            expect(after.last_picture_update).toBe(before.last_picture_update);
            expect(after.update_at).toBe(before.update_at);
        } finally {
            await admin.disablePlugin(pluginId).catch(() => undefined);
            await replaceSettings(admin, original);
            await admin.enablePlugin(pluginId);
        }
        expect(await settledState()).toBe(PluginState.Running);
        expect((await admin.getUser(stack.botUserId)).username).toBe('todo');
    });
});

describe('renaming the bot', () => {
    test('renames the same account; commands follow the new name, and the old name works again after the rename back', async () => {
        const name = freshUsername('tasks');
        const channel = await chat.newChannel('bot-rename');
        await withSettings(admin, {botusername: name}, async () => {
            // Mattermost runs the plugin's OnConfigurationChange before the save returns.
            const bot = await admin.getUser(stack.botUserId);
            expect(bot.username).toBe(name);
            expect(bot.is_bot).toBe(true);

            const text = unique('Renamed bot adds');
            const asked = await chat.post(stack.user1, channel, `@${name} add ${text}`);
            const [answer] = await chat.waitForReplies(asked.id, 1);
            expect(answer.user_id).toBe(stack.botUserId);
            expect(answer.message).toBe(`Added **#1** to ~${channel.name}: ${text}`);

            // The old name is free now: a post to it is not a command.
            const old = await chat.post(stack.user1, channel, '@todo list');
            const probe = await chat.post(stack.user1, channel, `@${name} list`);
            await chat.waitForReplies(probe.id, 1);
            expect(await chat.botReplies(stack.user1, old.id)).toEqual([]);
        });
        // withSettings has put the old settings back, and the plugin applied them in that save.
        expect((await admin.getUser(stack.botUserId)).username).toBe('todo');
        const asked = await chat.post(stack.user1, channel, '@todo list');
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.message).toContain('Renamed bot adds');
    });
});
