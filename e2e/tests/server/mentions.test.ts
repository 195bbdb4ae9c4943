// `@todo` mentions and trigger words on the real server: people post, the plugin's
// MessageHasBeenPosted hook answers in the thread of that post, as the bot.
import type {UserProfile} from '@mattermost/types/users';

import {wordJoiner} from '../../harness/chat';
import {eventually} from '../../harness/eventually';
import {withSettings} from '../../harness/plugin_config';
import {anonymousClient, clientFor} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {openScene} from '../../harness/scene';

const {stack, admin, chat} = openScene();

describe('@todo at the start of a post', () => {
    test('at channel level: the bot answers in the thread of that post', async () => {
        const channel = await chat.newChannel('mention-top');
        const text = unique('Buy milk');
        const asked = await chat.post(stack.user1, channel, `@todo add ${text}`);
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.root_id).toBe(asked.id);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: ${text}`);
        expect(answer.props?.disable_group_highlight).toBe(true);

        const todo = await TodoApi.as(stack.user2, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.text).toBe(text);
        expect(todo.post_id).toBe(asked.id);
    });

    test('inside a thread: the answer goes to the thread\'s root', async () => {
        const channel = await chat.newChannel('mention-thread');
        const root = await chat.post(stack.user2, channel, 'Launch plan');
        const asked = await chat.post(stack.user1, channel, '@todo: Write the FAQ', root.id);
        const [answer] = await chat.waitForReplies(root.id, 1);
        expect(answer.root_id).toBe(root.id);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: Write the FAQ`);
        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.post_id).toBe(asked.id);
        expect(todo.root_id).toBe(root.id);
    });

    test('a bare @todo in a thread adds the thread\'s first message, linked to the thread', async () => {
        const channel = await chat.newChannel('mention-bare');
        const rootText = unique('Prepare the demo for Friday');
        const root = await chat.post(stack.user2, channel, rootText);
        await chat.post(stack.user1, channel, '@todo', root.id);
        const [answer] = await chat.waitForReplies(root.id, 1);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: ${rootText}`);

        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.text).toBe(rootText);
        expect(todo.post_id).toBe(root.id);
        expect(todo.root_id).toBe(root.id);

        // The list links the todo to its thread.
        await chat.post(stack.user1, channel, '@todo list', root.id);
        const [, listed] = await chat.waitForReplies(root.id, 2);
        expect(listed.message).toContain(`**#1** ${rootText}`);
        expect(listed.message).toContain(`/pl/${root.id})`);

        // "@todo add" with nothing after it does the same.
        const second = await chat.post(stack.user2, channel, unique('Order the banners'));
        await chat.post(stack.user1, channel, '@todo add', second.id);
        const [added] = await chat.waitForReplies(second.id, 1);
        expect(added.message).toMatch(/^Added \*\*#2\*\* to ~.*: Order the banners/);
    });

    test('works in a private channel the bot is not a member of', async () => {
        const channel = await chat.newChannel('mention-private', 'P');
        const asked = await chat.post(stack.user1, channel, '@todo add Rotate the keys');
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: Rotate the keys`);
    });

    test('a user whose language is Chinese gets Chinese', async () => {
        const channel = await chat.newChannel('mention-zh');
        const user1 = clientFor(stack.user1);
        const before = (await user1.getMe()).locale;
        await user1.patchMe({locale: 'zh-CN'});
        try {
            const asked = await chat.post(stack.user1, channel, '@todo add 准备周会');
            const [answer] = await chat.waitForReplies(asked.id, 1);
            expect(answer.message).toBe(`已将 **#1** 添加到 ~${channel.name}：准备周会`);
        } finally {
            await user1.patchMe({locale: before || 'en'});
        }
    });

    test('@channel inside a todo causes no mention for another member', async () => {
        const channel = await chat.newChannel('mention-quiet');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const before = await chat.settledMentions(channel);
        // The todo's text reaches the bot's post only through the plugin, never in a person's post.
        await api.addToChannel(channel.id, {text: `ping @channel @all @here and @${stack.user2.username}`});
        const asked = await chat.post(stack.user1, channel, '@todo list');
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.message).toContain(`ping @${wordJoiner}channel @${wordJoiner}all @${wordJoiner}here and @${wordJoiner}${stack.user2.username}`);
        expect(answer.message).not.toMatch(/@(channel|all|here)\b/);

        const member = await chat.membership(stack.user2, channel);
        expect(member.mention_count).toBe(before.mention_count);
        expect(member.mention_count_root).toBe(before.mention_count_root);

        // The counter does count: a person's own mention of user2 raises it by exactly one.
        await chat.post(stack.user1, channel, `@${stack.user2.username} have a look`);
        await eventually(async () => {
            const after = await chat.membership(stack.user2, channel);
            expect(after.mention_count).toBe(before.mention_count + 1);
        });
    });
});

describe('the direct channel with the bot', () => {
    test('every message is a command for the personal list, answered in its thread', async () => {
        const dm = await clientFor(stack.user2).createDirectChannel([stack.user2.id, stack.botUserId]);
        const text = unique('Call the plumber');
        const asked = await chat.post(stack.user2, dm, `add ${text}`);
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.message).toMatch(new RegExp(`^Added \\*\\*#\\d+\\*\\* to your personal list: ${text}$`));
        const {todos} = await TodoApi.as(stack.user2, stack.siteURL).listPersonal({state: 'all', limit: 200});
        expect(todos.map((t) => t.text)).toContain(text);

        // /todo there answers with a post in the conversation too.
        const response = await chat.slash(stack.user2, dm, '/todo my list');
        expect(response.text ?? '').toBe('');
        await eventually(async () => {
            const fromBot = (await chat.botPosts(stack.user2, dm)).filter((p) => p.root_id === '');
            expect(fromBot.at(-1)?.message).toContain(text);
        });
    });
});

describe('a direct message between two people', () => {
    test('has a shared list, and the bot answers both of them in the thread', async () => {
        const dm = await clientFor(stack.user1).createDirectChannel([stack.user1.id, stack.user2.id]);
        const text = unique('Pick up the keys');
        const asked = await chat.post(stack.user1, dm, `@todo add ${text}`);
        const [answer] = await chat.waitForReplies(asked.id, 1, stack.user2);
        expect(answer.message).toMatch(new RegExp(`^Added \\*\\*#\\d+\\*\\* to ~.+: ${text}$`));
        const {todos} = await TodoApi.as(stack.user2, stack.siteURL).listChannel(dm.id, {state: 'all', limit: 200});
        expect(todos.map((t) => t.text)).toContain(text);
    });
});

describe('posts that are not commands', () => {
    test('a mention in the middle of a post gets a hint for its author only', async () => {
        const channel = await chat.newChannel('mention-middle');
        const {result: asked, whisper: hint} = await chat.whisperedAfter(stack.user1,
            () => chat.post(stack.user1, channel, 'thanks @todo, that helped'));
        expect(hint.message).toContain('start your message with `@todo`');
        expect(hint.root_id).toBe(asked.id);
        // The hint is ephemeral: no bot post is stored in the thread, and nothing was added.
        await chat.post(stack.user1, channel, '@todo list', asked.id);
        const replies = await chat.waitForReplies(asked.id, 1);
        expect(replies[0].message).toContain('No open todos');
        expect((await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id)).todos).toEqual([]);
    });

    test('the bot never answers itself, even when its answer starts with a trigger word', async () => {
        const channel = await chat.newChannel('mention-self');
        // Every answer to an add starts with "Added": were the bot to read its own posts, each
        // answer would add another todo.
        await withSettings(admin, {triggerwords: 'Added'}, async () => {
            const asked = await chat.post(stack.user1, channel, 'Added water the plants');
            await chat.waitForReplies(asked.id, 1, stack.user1);
            await chat.post(stack.user1, channel, '@todo list', asked.id);
            const replies = await chat.waitForReplies(asked.id, 2);
            expect(replies[1].message).toMatch(/^#### 1 open todo in ~/);
        });
        const {todos} = await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id, {state: 'all'});
        expect(todos.map((t) => t.text)).toEqual(['water the plants']);
    });
});

describe('trigger words', () => {
    test('a post starting with a trigger word is handled like a mention', async () => {
        const channel = await chat.newChannel('trigger');
        // withSettings returns once the plugin has applied the words (see plugin_config.ts).
        await withSettings(admin, {triggerwords: 'todo:, !todo'}, async () => {
            const asked = await chat.post(stack.user1, channel, `!todo add ${unique('Renew the certificate')}`);
            const [answer] = await chat.waitForReplies(asked.id, 1, stack.user1);
            expect(answer.root_id).toBe(asked.id);
            expect(answer.message).toMatch(/^Added \*\*#\d+\*\* to ~.*: Renew the certificate/);

            const root = await chat.post(stack.user2, channel, 'Quarterly review');
            await chat.post(stack.user1, channel, 'TODO: list', root.id);
            const [listed] = await chat.waitForReplies(root.id, 1);
            expect(listed.message).toContain('Renew the certificate');
        });
        // Without the setting, the same words are just words.
        const later = await chat.post(stack.user1, channel, '!todo add not a command now');
        await chat.post(stack.user1, channel, '@todo list', later.id);
        const [reply] = await chat.waitForReplies(later.id, 1);
        expect(reply.message).not.toContain('not a command now');
    });
});

describe('edited posts', () => {
    test('are never run again: editing "@todo add" to another text adds nothing', async () => {
        const channel = await chat.newChannel('mention-edit');
        const first = unique('Book the venue');
        const asked = await chat.post(stack.user1, channel, `@todo add ${first}`);
        await chat.waitForReplies(asked.id, 1);

        const edited = unique('Cancel the venue');
        await clientFor(stack.user1).patchPost({id: asked.id, message: `@todo add ${edited}`});
        // The edit reached the server before the next post; had the edit been run, its todo
        // would be in the list asked for after it, and its answer in the thread.
        await chat.post(stack.user1, channel, '@todo list', asked.id);
        const [added, listed] = await chat.waitForReplies(asked.id, 2);
        expect(added.message).toContain(first);
        expect(listed.message).toContain(first);
        expect(listed.message).not.toContain(edited);
        const {todos} = await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id, {state: 'all'});
        expect(todos.map((t) => t.text)).toEqual([first]);
    });
});

describe('a group message', () => {
    test('has one list for its members, reached by @todo and /todo, closed to others', async () => {
        const gm = await clientFor(stack.user1).createGroupChannel([stack.user1.id, stack.user2.id, stack.admin.id]);
        const text = unique('Plan the offsite');
        const asked = await chat.post(stack.user1, gm, `@todo add ${text}`);
        const [answer] = await chat.waitForReplies(asked.id, 1, stack.user2);
        expect(answer.message).toMatch(new RegExp(`^Added \\*\\*#\\d+\\*\\* to .+: ${text}$`));

        const listed = await chat.privately(stack.user2, gm, '/todo list');
        expect(listed).toContain(text);
        const {todos} = await TodoApi.as(stack.admin, stack.siteURL).listChannel(gm.id, {state: 'all', limit: 200});
        expect(todos.map((t) => t.text)).toContain(text);

        // Someone outside the group can neither read nor add.
        const outsider = await admin.createUser({username: `gm-out-${Date.now().toString(36)}`, email: `gm-out-${Date.now()}@example.com`, password: 'Password-1234!'} as UserProfile, '', '');
        const outsiderClient = anonymousClient(stack.siteURL);
        await outsiderClient.login(outsider.username, 'Password-1234!');
        const outsiderApi = new TodoApi(stack.siteURL, outsiderClient.getToken());
        expect((await outsiderApi.request('GET', `/channels/${gm.id}/todos`)).status).toBe(403);
        expect((await outsiderApi.request('POST', `/channels/${gm.id}/todos`, {body: {text: 'let me in'}})).status).toBe(403);
    });
});
