// The sidebar where the real client would put it to the test: a WebSocket that drops
// and comes back, the plugin disabled and enabled again by an admin while the page
// runs, the sidebar popped out into its own window, a server on a subpath, and the
// Mine tab gathering todos from two teams, a direct and a group message.
import crypto from 'node:crypto';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';
import type {Team} from '@mattermost/types/teams';

import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack} from '../../harness/stack';
import type {Stack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';

import {appBarIcon, openHostPage, openSidebarFromAppBar, openSidebarOn, registrationsOf, sidebar} from './browser';
import type {ChannelSidebar, Session} from './browser';

const pluginId = 'channel-todo';

let stack: Stack;
let admin: Client4;
let asUser1: TodoApi;
let asUser2: TodoApi;

beforeAll(() => {
    stack = loadStack();
    admin = clientFor(stack.admin);
    asUser1 = TodoApi.as(stack.user1, stack.siteURL);
    asUser2 = TodoApi.as(stack.user2, stack.siteURL);
});

/** Runs `run` on user1's page with the sidebar open on `channel`, and closes the page after. */
async function withSidebar(channel: Channel, run: (opened: ChannelSidebar) => Promise<void>, subpath?: string): Promise<void> {
    const opened = await openSidebarOn(channel, {subpath});
    try {
        await run(opened);
    } finally {
        await opened.session.close();
    }
}

function socketState(session: Session): Promise<string | null> {
    return session.page.getByTestId('host-status').getAttribute('data-socket');
}

describe('the sidebar in the client\'s conditions', () => {
    test('after a dropped WebSocket reconnects, it fetches what changed meanwhile', async () => {
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'ws-drop');
        const before = await asUser2.addToChannel(channel.id, {text: unique('Before the drop')});
        await withSidebar(channel, async ({session, rhs}) => {
            await rhs.getByRole('listitem').filter({hasText: before.text}).waitFor();

            session.host.dropWebSockets(true);
            await session.page.locator('[data-testid=host-status][data-socket=closed]').waitFor();

            // Missed while disconnected: no event will tell the page about these.
            const added = await asUser2.addToChannel(channel.id, {text: unique('Added while offline')});
            await asUser2.complete(before.id);
            expect(await rhs.getByRole('listitem').filter({hasText: added.text}).count()).toBe(0);

            session.host.dropWebSockets(false);
            await session.page.locator('[data-testid=host-status][data-socket=connected]').waitFor({timeout: 30_000});
            await rhs.getByRole('listitem').filter({hasText: added.text}).waitFor();
            await rhs.locator('details').getByText(before.text).waitFor({state: 'attached'});
            expect(await socketState(session)).toBe('connected');
        });
    });

    test('disabled by an admin, its surfaces go; enabled again, they come back once', async () => {
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'toggle');
        await withSidebar(channel, async ({session, rhs}) => {
            const {page} = session;
            await rhs.getByRole('textbox', {name: 'Add a todo'}).waitFor();

            await admin.disablePlugin(pluginId);
            try {
                await appBarIcon(page).waitFor({state: 'detached'});
                await rhs.waitFor({state: 'detached'});
                const gone = await registrationsOf(page);
                expect(gone).toMatchObject({rhs: [], appBar: [], headerButtons: [], postMenu: [], webSocketHandlers: {}, reconnectHandlers: 0});
            } finally {
                await admin.enablePlugin(pluginId);
            }
            await appBarIcon(page).waitFor();
            const back = await registrationsOf(page);
            expect(back.rhs).toEqual([pluginId]);
            expect(back.appBar).toHaveLength(1);
            expect(back.postMenu).toEqual([pluginId, pluginId]);
            expect(back.webSocketHandlers).toEqual({
                [`custom_${pluginId}_todo_changed`]: 1,
                [`custom_${pluginId}_tool_changed`]: 1,
                [`custom_${pluginId}_replies_changed`]: 1,
            });
            expect(back.reconnectHandlers).toBe(1);

            // Live again, and shown once: no handler left over from the first load.
            const again = await openSidebarFromAppBar(page);
            const todo = await asUser2.addToChannel(channel.id, {text: unique('After enabling again')});
            await again.getByRole('listitem').filter({hasText: todo.text}).waitFor();
            expect(await again.getByRole('listitem').filter({hasText: todo.text}).count()).toBe(1);
        });
    });

    test('pops out into a window of its own that shows the view the opener had', async () => {
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'popout');
        const todo = await asUser1.addToChannel(channel.id, {text: unique('Seen in the pop-out')});
        await withSidebar(channel, async ({session, rhs}) => {
            const {context} = session;
            await rhs.getByRole('listitem').filter({hasText: todo.text}).waitFor();
            await rhs.getByRole('tab', {name: 'Mine'}).click();
            await rhs.getByRole('heading', {name: 'My todos'}).waitFor();

            const [popout] = await Promise.all([context.waitForEvent('page'), rhs.getByRole('button', {name: 'Pop out'}).click()]);
            expect(new URL(popout.url()).pathname).toBe(`/_popout/rhs/${stack.team.name}/${channel.name}/plugin/${pluginId}`);
            const popped = sidebar(popout);
            await popped.getByRole('heading', {name: 'My todos'}).waitFor();
            await popped.getByRole('tab', {name: 'Channel'}).click();
            await popped.getByRole('listitem').filter({hasText: todo.text}).waitFor();
            await popout.close();

            // Opened on its own (a bookmark, a new tab): no opener to ask, the channel's list.
            const alone = await context.newPage();
            await alone.goto(new URL(`_popout/rhs/${stack.team.name}/${channel.name}/plugin/${pluginId}`, session.host.url).toString());
            expect(await alone.evaluate(() => window.opener)).toBeNull();
            await sidebar(alone).getByRole('listitem').filter({hasText: todo.text}).waitFor();
            await alone.close();
        });
    });

    test('works on a server installed under a subpath', async () => {
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'subpath');
        await withSidebar(channel, async ({session, rhs}) => {
            const {page} = session;
            expect(new URL(page.url()).pathname).toBe(`/mattermost/${stack.team.name}/channels/${channel.name}`);
            expect(await page.evaluate(() => window.basename)).toBe('/mattermost');
            const text = unique('Added under a subpath');
            const box = rhs.getByRole('textbox', {name: 'Add a todo'});
            await box.fill(text);
            await box.press('Enter');
            await rhs.getByRole('listitem').filter({hasText: text}).waitFor();
            const {todos} = await asUser1.listChannel(channel.id, {limit: 200});
            expect(todos.map((t) => t.text)).toEqual([text]);

            // Nothing answers outside the subpath, so a URL without it would have failed.
            const outside = await page.evaluate(async () => (await fetch('/api/v4/system/ping')).status);
            expect(outside).toBe(404);
            expect(session.takeErrors()).toEqual([expect.stringContaining('404 (Not Found)')]);
        }, '/mattermost');
    });

    test('Mine gathers todos assigned in two teams, a direct and a group message, and leads to their channels', async () => {
        const suffix = crypto.randomBytes(4).toString('hex');
        const team2: Team = await admin.createTeam({name: `second-${suffix}`, display_name: `Second ${suffix}`, type: 'O'} as Team);
        await admin.addToTeam(team2.id, stack.user1.id);
        await admin.addToTeam(team2.id, stack.user2.id);
        const inTeam1 = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'mine-one');
        const inTeam2 = await createScratchChannel(admin, team2.id, 'O', [stack.user1.id, stack.user2.id], 'mine-two');
        const user2 = clientFor(stack.user2);
        const dm = await user2.createDirectChannel([stack.user1.id, stack.user2.id]);
        const gm = await user2.createGroupChannel([stack.user1.id, stack.user2.id, stack.admin.id]);

        const texts: string[] = [];
        for (const channel of [inTeam1, inTeam2, dm, gm]) {
            const todo = await asUser2.addToChannel(channel.id, {text: unique(`For user1 in ${channel.type}`)});
            await asUser2.setAssignees(todo.id, [stack.user1.id]);
            texts.push(todo.text);
        }

        // The page is looked at before the sidebar opens, so it opens it itself.
        const session = await openHostPage(stack.siteURL, {login: stack.user1, channel: inTeam1.name});
        try {
            const {page} = session;

            // The store keeps DMs and GMs as the client does: no team, and no DM name.
            const stored = await page.evaluate(([dmId, gmId]) => {
                const channels = window.channelTodoHost!.store.getState().entities.channels.channels;
                return {dm: channels[dmId], gm: channels[gmId]};
            }, [dm.id, gm.id]);
            expect(stored.dm).toMatchObject({type: 'D', display_name: '', team_id: ''});
            expect(stored.gm).toMatchObject({type: 'G', team_id: ''});

            const rhs = await openSidebarFromAppBar(page);
            await rhs.getByRole('tab', {name: 'Mine'}).click();
            for (const text of texts) {
                await rhs.getByRole('listitem').filter({hasText: text}).waitFor();
            }

            // Named as the client names them (the default Teammate name display: usernames).
            await rhs.getByRole('link', {name: stack.user2.username, exact: true}).waitFor();
            await rhs.getByRole('link', {name: [stack.admin.username, stack.user2.username].sort().join(', '), exact: true}).waitFor();

            // The DM, through the link of its group: the client's /messages/@<user> address.
            await rhs.getByRole('link', {name: stack.user2.username, exact: true}).click();
            await page.getByRole('navigation', {name: 'Channels'}).locator('[aria-current=page]').filter({hasText: stack.user2.username}).waitFor();
            expect(new URL(page.url()).pathname).toBe(`/${stack.team.name}/messages/@${stack.user2.username}`);

            // The other team's channel, through the link of its group.
            await rhs.getByRole('link', {name: inTeam2.display_name}).click();
            await page.getByRole('navigation', {name: 'Channels'}).getByRole('heading', {name: team2.display_name}).waitFor();
            expect(new URL(page.url()).pathname).toBe(`/${team2.name}/channels/${inTeam2.name}`);
        } finally {
            await session.close();
        }
    });
});
