// The webapp bundle, served by the real server, loaded into the host page in headless
// Chromium: it registers without console errors, its sidebar renders and follows the
// channel, and the page's channel pane drives the server like a person would.
import crypto from 'node:crypto';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';

import {clientFor, loadStack} from '../../harness/stack';
import type {Stack} from '../../harness/stack';

import {openHostPage, registrationsOf} from './browser';
import type {Session} from './browser';

const pluginId = 'channel-todo';

let stack: Stack;
let user1: Client4;
let publicChannel: Channel;
let townSquare: Channel;
let session: Session;

beforeAll(async () => {
    stack = loadStack();
    user1 = clientFor(stack.user1);
    [publicChannel, townSquare] = await Promise.all([
        user1.getChannel(stack.channels.public.id),
        user1.getChannel(stack.channels.town.id),
    ]);
    session = await openHostPage(stack.siteURL, {login: stack.user1, channel: stack.channels.public.name});
});

afterAll(async () => {
    await session?.close();
});

describe('the plugin in the host page', () => {
    test('loads from the server and registers its surfaces with no console errors', async () => {
        const {page} = session;
        const status = page.locator(`[data-testid=host-status] [data-plugin-id="${pluginId}"]`);
        expect(await status.getAttribute('data-plugin-state')).toBe('loaded');

        const registered = await registrationsOf(page);
        expect(registered.rhs).toEqual([pluginId]);
        expect(registered.headerButtons).toEqual([pluginId]);
        expect(registered.appBar).toHaveLength(1);
        expect(registered.appBar[0].iconUrl).toMatch(/^data:image\/svg\+xml/);
        expect(registered.webSocketEvents).toContain(`custom_${pluginId}_todo_changed`);
        expect(registered.reducerKeys).toEqual([`plugins-${pluginId}`]);

        // The host page has no pop-out windows; it only records that the plugin, seeing a
        // v11.3+ registry, asked to be told when its sidebar pops out.
        expect(registered.recorded).toEqual([{pluginId, method: 'registerRHSPluginPopoutListener'}]);

        expect(session.errors).toEqual([]);
    });

    test('opens its sidebar from the channel header and follows channel switches', async () => {
        const {page} = session;
        await page.getByRole('toolbar', {name: 'Channel header'}).getByRole('button', {name: 'Open Channel Todo'}).click();

        const rhs = page.getByRole('complementary', {name: 'Right-hand sidebar'});
        await rhs.getByRole('heading', {name: `Todos in ${publicChannel.display_name}`}).waitFor();
        expect(await rhs.getByRole('heading', {level: 2}).first().innerText()).toBe('Channel Todo');
        expect(await rhs.getByRole('textbox', {name: 'Add a todo'}).count()).toBe(1);

        await page.getByRole('combobox', {name: 'Channel'}).selectOption(townSquare.id);
        await rhs.getByRole('heading', {name: `Todos in ${townSquare.display_name}`}).waitFor();

        await page.getByRole('combobox', {name: 'Channel'}).selectOption(publicChannel.id);
        await rhs.getByRole('heading', {name: `Todos in ${publicChannel.display_name}`}).waitFor();
        expect(session.errors).toEqual([]);
    });

    test('toggles the sidebar from the App Bar', async () => {
        const {page} = session;
        const rhs = page.getByRole('complementary', {name: 'Right-hand sidebar'});
        const appBarItem = page.getByRole('navigation', {name: 'App Bar'}).getByRole('button', {name: 'Channel Todo'});

        expect(await rhs.count()).toBe(1);
        await appBarItem.click();
        await rhs.waitFor({state: 'detached'});
        await appBarItem.click();
        await rhs.getByRole('textbox', {name: 'Add a todo'}).waitFor();
        expect(session.errors).toEqual([]);
    });
});

describe('the channel pane', () => {
    test('runs /todo help and shows the bot\'s ephemeral answer', async () => {
        const {page} = session;
        const box = page.getByRole('textbox', {name: `Write to ${publicChannel.display_name}`});
        const posts = page.getByRole('list', {name: `Posts in ${publicChannel.display_name}`});
        const ephemeral = posts.getByTestId('post').filter({hasText: 'Only visible to you'});
        const before = await ephemeral.count();
        await box.fill('/todo help');
        await box.press('Enter');

        const answer = ephemeral.nth(before);
        await answer.waitFor();
        expect(await answer.innerText()).toContain('/todo');

        // The answer reached this user only: it is not a post in the channel.
        const list = await user1.getPosts(publicChannel.id, 0, 30);
        const answerId = await answer.getAttribute('data-post-id');
        expect(answerId).toBeTruthy();
        expect(list.posts[answerId!]).toBeUndefined();
        expect(await box.inputValue()).toBe('');
        expect(session.errors).toEqual([]);
    });

    test('sends a post and a reply in its thread to the server', async () => {
        const {page} = session;
        const text = `hello from the host page ${crypto.randomUUID()}`;
        const box = page.getByRole('textbox', {name: `Write to ${publicChannel.display_name}`});
        await box.fill(text);
        await box.press('Enter');

        const posts = page.getByRole('list', {name: `Posts in ${publicChannel.display_name}`});
        const post = posts.getByTestId('post').filter({hasText: text});
        await post.waitFor();
        const postId = await post.getAttribute('data-post-id');
        const saved = await user1.getPost(postId!);
        expect(saved.message).toBe(text);
        expect(saved.user_id).toBe(stack.user1.id);

        await post.getByRole('button', {name: 'Reply'}).click();
        const thread = page.getByRole('region', {name: 'Thread'});
        await thread.getByText(text).waitFor();
        const reply = `a reply ${crypto.randomUUID()}`;
        const replyBox = thread.getByRole('textbox', {name: 'Reply to thread'});
        await replyBox.fill(reply);
        await replyBox.press('Enter');
        await thread.getByTestId('post').filter({hasText: reply}).waitFor();

        const threadPosts = await user1.getPostThread(postId!);
        const replies = Object.values(threadPosts.posts).filter((p) => p.root_id === postId);
        expect(replies.map((p) => p.message)).toEqual([reply]);
        expect(session.errors).toEqual([]);
    });
});

describe('the plugin in Simplified Chinese', () => {
    test('titles its sidebar from its registered translations', async () => {
        const zh = await openHostPage(stack.siteURL, {login: stack.user2, channel: stack.channels.public.name, locale: 'zh-CN'});
        try {
            await zh.page.getByRole('toolbar', {name: 'Channel header'}).getByRole('button', {name: '打开频道待办'}).click();
            const rhs = zh.page.getByRole('complementary', {name: 'Right-hand sidebar'});
            await rhs.getByRole('textbox', {name: '添加待办'}).waitFor();
            expect(await rhs.getByRole('tab', {name: '我的'}).count()).toBe(1);
            expect(await rhs.getByRole('heading', {level: 2}).first().innerText()).toBe('频道待办');
            expect(zh.errors).toEqual([]);
        } finally {
            await zh.close();
        }
    });
});
