// The webapp bundle, served by the real server, loaded into the host page in headless
// Chromium, met through the doors users use with default settings: the App Bar icon
// opens the sidebar (the channel header button only with DisableAppBar=true), the
// channel sidebar switches channels, the hover "Message actions" menu holds the post
// actions, and the language is the user's setting on the server.
import crypto from 'node:crypto';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';

import {eventually} from '../../harness/eventually';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack} from '../../harness/stack';
import type {Stack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';

import {appBarIcon, headerButton, openHostPage, openMessageActions, openSidebarFromAppBar, openSidebarOn, registrationsOf, sidebar, switchChannel} from './browser';
import type {Session} from './browser';

const pluginId = 'channel-todo';

let stack: Stack;
let user1: Client4;
let admin: Client4;
let publicChannel: Channel;
let townSquare: Channel;
let session: Session;

beforeAll(async () => {
    stack = loadStack();
    user1 = clientFor(stack.user1);
    admin = clientFor(stack.admin);
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
    test('loads from the server and registers its surfaces', async () => {
        const {page} = session;
        const status = page.locator(`[data-testid=host-status] [data-plugin-id="${pluginId}"]`);
        expect(await status.getAttribute('data-plugin-state')).toBe('loaded');

        const registered = await registrationsOf(page);
        expect(registered.rhs).toEqual([pluginId]);
        expect(registered.headerButtons).toEqual([pluginId]);
        expect(registered.appBar).toHaveLength(1);
        expect(registered.appBar[0].iconUrl).toMatch(/^data:image\/svg\+xml/);
        expect(registered.postMenu).toEqual([pluginId, pluginId]);
        expect(registered.webSocketHandlers).toEqual({
            [`custom_${pluginId}_todo_changed`]: 1,
            [`custom_${pluginId}_tool_changed`]: 1,
            [`custom_${pluginId}_replies_changed`]: 1,
        });
        expect(registered.reconnectHandlers).toBe(1);
        expect(registered.reducerKeys).toEqual([`plugins-${pluginId}`]);
        expect(registered.popoutListeners).toEqual([pluginId]);
        expect(registered.recorded).toEqual([]);
    });

    test('opens its sidebar from the App Bar icon, which the header button gives way to, and follows channel switches', async () => {
        const {page} = session;

        // The App Bar is on by default, so the client hides the plugin's header button.
        expect(await headerButton(page).count()).toBe(0);
        const icon = appBarIcon(page);
        expect(await icon.getAttribute('class')).not.toContain('app-bar__icon--active');

        const rhs = await openSidebarFromAppBar(page);
        await rhs.getByRole('heading', {name: `Todos in ${publicChannel.display_name}`}).waitFor();
        expect(await rhs.getByRole('heading', {level: 2}).first().innerText()).toBe('Channel Todo');
        expect(await icon.getAttribute('class')).toContain('app-bar__icon--active');

        await switchChannel(page, townSquare.display_name);
        await rhs.getByRole('heading', {name: `Todos in ${townSquare.display_name}`}).waitFor();
        expect(new URL(page.url()).pathname).toBe(`/${stack.team.name}/channels/${townSquare.name}`);

        await switchChannel(page, publicChannel.display_name);
        await rhs.getByRole('heading', {name: `Todos in ${publicChannel.display_name}`}).waitFor();

        await icon.click();
        await rhs.waitFor({state: 'detached'});
        expect(await icon.getAttribute('class')).not.toContain('app-bar__icon--active');
        await icon.click();
        await rhs.getByRole('textbox', {name: 'Add a todo'}).waitFor();
    });

    test('makes a personal todo from a reply in a thread with the hover "Message actions" menu', async () => {
        const {page} = session;
        const root = await user1.createPost({channel_id: publicChannel.id, message: unique('A thread to reply in')});
        const text = unique('Send the slides');
        await user1.createPost({channel_id: publicChannel.id, root_id: root.id, message: text});

        const rootShown = page.getByTestId('post').filter({hasText: root.message});
        await rootShown.getByRole('button', {name: /^(Reply|\d+ repl)/}).click();
        const thread = page.getByRole('region', {name: 'Thread'});
        const reply = thread.getByTestId('post').filter({hasText: text});
        await reply.waitFor();

        // Not there until the pointer is over the post, as in the client.
        expect(await reply.getByRole('button', {name: 'actions', exact: true}).isVisible()).toBe(false);
        const menu = await openMessageActions(reply);
        await menu.getByRole('menuitem', {name: 'Add to my todos'}).click();

        await eventually(async () => {
            const mine = await TodoApi.as(stack.user1, stack.siteURL).listPersonal({limit: 200});
            expect(mine.todos.map((t) => t.text)).toContain(text);
        });
        const rhs = sidebar(page);
        await rhs.getByRole('tab', {name: 'Mine'}).click();
        await rhs.getByRole('listitem').filter({hasText: text}).waitFor();
        await rhs.getByRole('tab', {name: 'Channel'}).click();
    });

    test('system messages have no message actions', async () => {
        const {page} = session;
        const name = unique('Host header').slice(0, 60);
        await user1.patchChannel(publicChannel.id, {header: name});
        const system = page.getByTestId('post').filter({hasText: name});
        await system.waitFor();
        await system.hover();
        expect(await system.getByRole('button', {name: 'actions', exact: true}).count()).toBe(0);
    });

    test('every icon button has a name and a tooltip', async () => {
        const {page} = session;
        const rhs = sidebar(page);
        await rhs.getByRole('textbox', {name: 'Add a todo'}).waitFor();
        await TodoApi.as(stack.user1, stack.siteURL).addToChannel(publicChannel.id, {text: unique('A todo to show its buttons')});
        await rhs.getByRole('listitem').first().waitFor();
        const unnamed = await page.evaluate(() => {
            const out: string[] = [];
            for (const el of document.querySelectorAll('[data-testid=rhs] button, .host-app-bar button')) {
                const button = el as HTMLButtonElement;
                const visibleText = button.innerText.trim();
                const name = button.getAttribute('aria-label') || button.textContent?.trim() || '';
                const tooltip = button.title || button.querySelector('[title]')?.getAttribute('title') || button.querySelector('.host-tooltip')?.textContent || '';
                if (!name || (!visibleText && !tooltip)) {
                    out.push(button.outerHTML.slice(0, 200));
                }
            }
            return out;
        });
        expect(unnamed).toEqual([]);
    });
});

describe('the channel header button with DisableAppBar=true', () => {
    test('is the door to the sidebar, and there is no App Bar', async () => {
        const before = await admin.getConfig();
        await admin.patchConfig({ExperimentalSettings: {DisableAppBar: true}} as never);
        try {
            const off = await openHostPage(stack.siteURL, {login: stack.user1, channel: stack.channels.public.name});
            try {
                expect(await off.page.getByRole('navigation', {name: 'App Bar'}).count()).toBe(0);
                await headerButton(off.page).click();
                await sidebar(off.page).getByRole('heading', {name: `Todos in ${publicChannel.display_name}`}).waitFor();
                await headerButton(off.page).click();
                await sidebar(off.page).waitFor({state: 'detached'});
            } finally {
                await off.close();
            }
        } finally {
            // Other tests expect the default.
            await admin.patchConfig({ExperimentalSettings: {DisableAppBar: before.ExperimentalSettings.DisableAppBar}} as never);
        }
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
    });
});

describe('the plugin in Simplified Chinese, set in the user\'s settings', () => {
    test('titles its App Bar item and sidebar from its registered translations', async () => {
        const user2 = clientFor(stack.user2);
        const me = await user2.getMe();
        await user2.patchMe({locale: 'zh-CN'});
        try {
            const zh = await openHostPage(stack.siteURL, {login: stack.user2, channel: stack.channels.public.name});
            try {
                const rhs = await openSidebarFromAppBar(zh.page);
                await rhs.getByRole('textbox', {name: '添加待办'}).waitFor();
                expect(await rhs.getByRole('tab', {name: '我的'}).count()).toBe(1);
                expect(await rhs.getByRole('heading', {level: 2}).first().innerText()).toBe('频道待办');
            } finally {
                await zh.close();
            }
        } finally {
            await user2.patchMe({locale: me.locale});
        }
    });
});

describe('the client\'s Alt+↑/↓ channel shortcuts', () => {
    test('Alt+↑ on a focused todo moves it up, and the current channel stays', async () => {
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'alt-up');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const first = await api.addToChannel(channel.id, {text: unique('First')});
        const second = await api.addToChannel(channel.id, {text: unique('Second')});
        const {session: moving, rhs} = await openSidebarOn(channel);
        try {
            const {page} = moving;
            const row = rhs.getByRole('listitem').filter({hasText: second.text});
            await row.getByRole('checkbox').focus();
            await page.keyboard.press('Alt+ArrowUp');

            await eventually(async () => {
                const {todos} = await api.listChannel(channel.id, {limit: 10});
                expect(todos.map((t) => t.id)).toEqual([second.id, first.id]);
            });
            expect(new URL(page.url()).pathname).toBe(`/${stack.team.name}/channels/${channel.name}`);
            expect(await page.getByRole('navigation', {name: 'Channels'}).locator('[aria-current=page]').innerText()).toBe(channel.display_name);
        } finally {
            await moving.close();
        }
    });
});
