// `@todo` mentions and trigger words on the real server: people post, the plugin's
// MessageHasBeenPosted hook answers in the thread of that post, as the bot.
import crypto from 'node:crypto';

import type {Client4} from '@mattermost/client';
import type {Channel, ChannelMembership} from '@mattermost/types/channels';
import type {AdminConfig} from '@mattermost/types/config';
import type {Post} from '@mattermost/types/posts';

import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack, type Login, type Stack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {EventStream} from '../../harness/websocket';

const pluginId = 'channel-todo';
const wordJoiner = '\u2060';

let stack: Stack;
let admin: Client4;

beforeAll(() => {
    stack = loadStack();
    admin = clientFor(stack.admin);
});

function unique(label: string): string {
    return `${label} ${crypto.randomBytes(4).toString('hex')}`;
}

function freshChannel(prefix: string, type: 'O' | 'P' = 'O'): Promise<Channel> {
    return createScratchChannel(admin, stack.team.id, type, [stack.user1.id, stack.user2.id], prefix);
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

/**
 * user2's membership once the one mention of being added to the channel (a system message)
 * has been counted, so what follows starts from a known count.
 */
async function settledMentions(channel: Channel): Promise<ChannelMembership> {
    let member: ChannelMembership | undefined;
    await eventually(async () => {
        member = await clientFor(stack.user2).getChannelMember(channel.id, stack.user2.id);
        expect(member.mention_count).toBe(1);
    });
    return member as ChannelMembership;
}

/** The bot's posts in a thread, oldest first. */
async function botReplies(reader: Login, rootId: string): Promise<Post[]> {
    const thread = await clientFor(reader).getPostThread(rootId);
    return Object.values(thread.posts).
        filter((p) => p.user_id === stack.botUserId).
        sort((a, b) => a.create_at - b.create_at);
}

/** Waits until the bot has posted `count` replies in the thread and returns them. */
async function waitForReplies(rootId: string, count: number, reader: Login = stack.user2, deadlineMs = 20_000): Promise<Post[]> {
    let replies: Post[] = [];
    await eventually(async () => {
        replies = await botReplies(reader, rootId);
        expect(replies.length).toBeGreaterThanOrEqual(count);
    }, deadlineMs);
    expect(replies).toHaveLength(count);
    return replies;
}

function post(login: Login, channel: Channel, message: string, rootId = ''): Promise<Post> {
    return clientFor(login).createPost({channel_id: channel.id, message, root_id: rootId} as Post);
}

function pluginSettings(config: AdminConfig): Record<string, unknown> {
    return (config.PluginSettings.Plugins[pluginId] ?? {}) as Record<string, unknown>;
}

async function withSettings(settings: Record<string, unknown>, fn: () => Promise<void>): Promise<void> {
    const config = await admin.getConfig();
    const original = {...pluginSettings(config)};
    config.PluginSettings.Plugins[pluginId] = {...original, ...settings};
    await admin.updateConfig(config);
    try {
        await fn();
    } finally {
        const again = await admin.getConfig();
        again.PluginSettings.Plugins[pluginId] = original;
        await admin.updateConfig(again);
    }
}

describe('@todo at the start of a post', () => {
    test('at channel level: the bot answers in the thread of that post', async () => {
        const channel = await freshChannel('mention-top');
        const text = unique('Buy milk');
        const asked = await post(stack.user1, channel, `@todo add ${text}`);
        const [answer] = await waitForReplies(asked.id, 1);
        expect(answer.root_id).toBe(asked.id);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: ${text}`);
        expect(answer.props?.disable_group_highlight).toBe(true);

        const todo = await TodoApi.as(stack.user2, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.text).toBe(text);
        expect(todo.post_id).toBe(asked.id);
    });

    test('inside a thread: the answer goes to the thread\'s root', async () => {
        const channel = await freshChannel('mention-thread');
        const root = await post(stack.user2, channel, 'Launch plan');
        const asked = await post(stack.user1, channel, '@todo: Write the FAQ', root.id);
        const [answer] = await waitForReplies(root.id, 1);
        expect(answer.root_id).toBe(root.id);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: Write the FAQ`);
        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.post_id).toBe(asked.id);
        expect(todo.root_id).toBe(root.id);
    });

    test('a bare @todo in a thread adds the thread\'s first message, linked to the thread', async () => {
        const channel = await freshChannel('mention-bare');
        const rootText = unique('Prepare the demo for Friday');
        const root = await post(stack.user2, channel, rootText);
        await post(stack.user1, channel, '@todo', root.id);
        const [answer] = await waitForReplies(root.id, 1);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: ${rootText}`);

        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.text).toBe(rootText);
        expect(todo.post_id).toBe(root.id);
        expect(todo.root_id).toBe(root.id);

        // The list links the todo to its thread.
        await post(stack.user1, channel, '@todo list', root.id);
        const [, listed] = await waitForReplies(root.id, 2);
        expect(listed.message).toContain(`**#1** ${rootText}`);
        expect(listed.message).toContain(`/pl/${root.id})`);

        // "@todo add" with nothing after it does the same.
        const second = await post(stack.user2, channel, unique('Order the banners'));
        await post(stack.user1, channel, '@todo add', second.id);
        const [added] = await waitForReplies(second.id, 1);
        expect(added.message).toMatch(/^Added \*\*#2\*\* to ~.*: Order the banners/);
    });

    test('works in a private channel the bot is not a member of', async () => {
        const channel = await freshChannel('mention-private', 'P');
        const asked = await post(stack.user1, channel, '@todo add Rotate the keys');
        const [answer] = await waitForReplies(asked.id, 1);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: Rotate the keys`);
    });

    test('a user whose language is Chinese gets Chinese', async () => {
        const channel = await freshChannel('mention-zh');
        const user1 = clientFor(stack.user1);
        const before = (await user1.getMe()).locale;
        await user1.patchMe({locale: 'zh-CN'});
        try {
            const asked = await post(stack.user1, channel, '@todo add 准备周会');
            const [answer] = await waitForReplies(asked.id, 1);
            expect(answer.message).toBe(`已将 **#1** 添加到 ~${channel.name}：准备周会`);
        } finally {
            await user1.patchMe({locale: before || 'en'});
        }
    });

    test('@channel inside a todo causes no mention for another member', async () => {
        const channel = await freshChannel('mention-quiet');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const before = await settledMentions(channel);
        // The todo's text reaches the bot's post only through the plugin, never in a person's post.
        await api.addToChannel(channel.id, {text: `ping @channel @all @here and @${stack.user2.username}`});
        const asked = await post(stack.user1, channel, '@todo list');
        const [answer] = await waitForReplies(asked.id, 1);
        expect(answer.message).toContain(`ping @${wordJoiner}channel @${wordJoiner}all @${wordJoiner}here and @${wordJoiner}${stack.user2.username}`);
        expect(answer.message).not.toMatch(/@(channel|all|here)\b/);

        const member = await clientFor(stack.user2).getChannelMember(channel.id, stack.user2.id);
        expect(member.mention_count).toBe(before.mention_count);
        expect(member.mention_count_root).toBe(before.mention_count_root);

        // The counter does count: a person's own mention of user2 raises it by exactly one.
        await post(stack.user1, channel, `@${stack.user2.username} have a look`);
        await eventually(async () => {
            const after = await clientFor(stack.user2).getChannelMember(channel.id, stack.user2.id);
            expect(after.mention_count).toBe(before.mention_count + 1);
        });
    });
});

describe('the direct channel with the bot', () => {
    test('every message is a command for the personal list, answered in its thread', async () => {
        const dm = await clientFor(stack.user2).createDirectChannel([stack.user2.id, stack.botUserId]);
        const text = unique('Call the plumber');
        const asked = await post(stack.user2, dm, `add ${text}`);
        const [answer] = await waitForReplies(asked.id, 1);
        expect(answer.message).toMatch(new RegExp(`^Added \\*\\*#\\d+\\*\\* to your personal list: ${text}$`));
        const {todos} = await TodoApi.as(stack.user2, stack.siteURL).listPersonal({state: 'all', limit: 200});
        expect(todos.map((t) => t.text)).toContain(text);

        // /todo there answers with a post in the conversation too.
        const response = await clientFor(stack.user2).executeCommand('/todo my list', {channel_id: dm.id, team_id: stack.team.id});
        expect(response.text ?? '').toBe('');
        await eventually(async () => {
            const list = await clientFor(stack.user2).getPosts(dm.id, 0, 20);
            const fromBot = list.order.map((id) => list.posts[id]).filter((p) => p.user_id === stack.botUserId && p.root_id === '');
            expect(fromBot[0]?.message).toContain(text);
        });
    });
});

describe('a direct message between two people', () => {
    test('has a shared list, and the bot answers both of them in the thread', async () => {
        const dm = await clientFor(stack.user1).createDirectChannel([stack.user1.id, stack.user2.id]);
        const text = unique('Pick up the keys');
        const asked = await post(stack.user1, dm, `@todo add ${text}`);
        const [answer] = await waitForReplies(asked.id, 1, stack.user2);
        expect(answer.message).toMatch(new RegExp(`^Added \\*\\*#\\d+\\*\\* to ~.+: ${text}$`));
        const {todos} = await TodoApi.as(stack.user2, stack.siteURL).listChannel(dm.id, {state: 'all', limit: 200});
        expect(todos.map((t) => t.text)).toContain(text);
    });
});

describe('posts that are not commands', () => {
    test('a mention in the middle of a post gets a hint for its author only', async () => {
        const channel = await freshChannel('mention-middle');
        const ws = await EventStream.connect(stack.siteURL, stack.user1);
        let asked: Post;
        try {
            asked = await post(stack.user1, channel, 'thanks @todo, that helped');
            const hint = await ws.next((e) => e.event === 'ephemeral_message' &&
                (JSON.parse(String(e.data.post)) as Post).user_id === stack.botUserId);
            const hintPost = JSON.parse(String(hint.data.post)) as Post;
            expect(hintPost.message).toContain('start your message with `@todo`');
            expect(hintPost.root_id).toBe(asked.id);
        } finally {
            ws.close();
        }
        // The hint is ephemeral: no bot post is stored in the thread, and nothing was added.
        await post(stack.user1, channel, '@todo list', asked.id);
        const replies = await waitForReplies(asked.id, 1);
        expect(replies[0].message).toContain('No open todos');
        expect((await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id)).todos).toEqual([]);
    });

    test('the bot never answers itself, even when its answer starts with a trigger word', async () => {
        const channel = await freshChannel('mention-self');
        // Every answer to an add starts with "Added": were the bot to read its own posts, each
        // answer would add another todo.
        await withSettings({triggerwords: 'Added'}, async () => {
            let asked: Post | undefined;
            await eventually(async () => {
                asked = await post(stack.user1, channel, 'Added water the plants');
                await waitForReplies(asked.id, 1, stack.user1, 5_000);
            });
            await post(stack.user1, channel, '@todo list', asked?.id);
            const replies = await waitForReplies(asked!.id, 2);
            expect(replies[1].message).toMatch(/^#### 1 open todo in ~/);
        });
        const {todos} = await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id, {state: 'all'});
        expect(todos.map((t) => t.text)).toEqual(['water the plants']);
    });
});

describe('trigger words', () => {
    test('a post starting with a trigger word is handled like a mention', async () => {
        const channel = await freshChannel('trigger');
        await withSettings({triggerwords: 'todo:, !todo'}, async () => {
            let asked: Post | undefined;
            // The setting reaches the plugin through OnConfigurationChange; retry until it has.
            await eventually(async () => {
                asked = await post(stack.user1, channel, `!todo add ${unique('Renew the certificate')}`);
                await waitForReplies(asked.id, 1, stack.user1, 5_000);
            });
            const [answer] = await botReplies(stack.user1, asked!.id);
            expect(answer.root_id).toBe(asked!.id);
            expect(answer.message).toMatch(/^Added \*\*#\d+\*\* to ~.*: Renew the certificate/);

            const root = await post(stack.user2, channel, 'Quarterly review');
            await post(stack.user1, channel, 'TODO: list', root.id);
            const [listed] = await waitForReplies(root.id, 1);
            expect(listed.message).toContain('Renew the certificate');
        });
        // Without the setting, the same words are just words.
        const later = await post(stack.user1, channel, '!todo add not a command now');
        await post(stack.user1, channel, '@todo list', later.id);
        const [reply] = await waitForReplies(later.id, 1);
        expect(reply.message).not.toContain('not a command now');
    });
});
