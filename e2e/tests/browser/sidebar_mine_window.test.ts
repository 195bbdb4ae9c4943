// Mine in real Chromium with 1,000 todos assigned to one person: the rows in the page (todos
// and channel headings) stay bounded by the viewport, at the first page and after scrolling
// through every page to the end. The person is new, so nothing else lands in their Mine.
import type {UserProfile} from '@mattermost/types/users';

import {growChannelList} from '../../bench/seed_sql';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadState} from '../../harness/stack';

import {openHostPage, openSidebarFromAppBar} from './browser';
import type {Session} from './browser';

const count = 1000;

let session: Session | undefined;

afterAll(async () => {
    await session?.close();
});

// Todo rows and headings of Mine in the page, whether in view or not.
const rowsInPage = () => document.querySelectorAll('[data-testid=rhs] .channel-todo-mine [data-todo-id], [data-testid=rhs] .channel-todo-mine h3').length;

test('Mine keeps the rows in the page bounded by the viewport, from the first page to the end', async () => {
    const stack = loadState();
    const admin = clientFor(stack.admin, stack.siteURL);
    const username = `minewin${Date.now().toString(36)}`;
    const password = 'Mine-window-1';
    const user = await admin.createUser({username, email: `${username}@example.com`, password} as UserProfile, '', '');
    await admin.addToTeam(stack.team.id, user.id);
    const channel = await createScratchChannel(admin, stack.team.id, 'O', [user.id], 'minewin');
    growChannelList(stack.database, {channelId: channel.id, count, creatorId: user.id, assigneeId: user.id, salt: username});

    session = await openHostPage(stack.siteURL, {login: {id: user.id, username, password, token: ''}, team: stack.team.name, channel: channel.name});
    const {page} = session;
    const rhs = await openSidebarFromAppBar(page);
    await rhs.getByRole('tab', {name: 'Mine'}).click();
    const mine = rhs.locator('.channel-todo-mine');
    await mine.getByRole('checkbox', {name: 'Done: #1', exact: true}).waitFor();

    // The 1,280 × 800 window shows about 12 rows; 8 more are drawn beyond each edge. The first
    // frame draws only the rows in view, the rows beyond the edges follow once it is painted:
    // wait for those (10 s at most, then the test fails), then count.
    await page.waitForFunction(`(${rowsInPage.toString()})() > 5`, undefined, {timeout: 10_000});
    const atFirst = await page.evaluate(rowsInPage);
    expect(atFirst).toBeGreaterThan(5);
    expect(atFirst).toBeLessThanOrEqual(40);

    // Scroll the sidebar to its end on every frame until the last todo is in view: every page
    // (200 todos each) is read on the way.
    await page.waitForFunction((last) => {
        const row = document.querySelector('[data-testid=rhs] .channel-todo-mine [data-todo-id]');
        for (let p = row?.parentElement; p; p = p.parentElement) {
            const overflow = getComputedStyle(p).overflowY;
            if ((overflow === 'auto' || overflow === 'scroll') && p.scrollHeight > p.clientHeight) {
                p.scrollTop = p.scrollHeight;
                break;
            }
        }
        const done = document.querySelector(`[data-testid=rhs] .channel-todo-mine [aria-label="Done: #${last}"]`);
        const r = done?.getBoundingClientRect();
        return r !== undefined && r.height > 0 && r.bottom <= window.innerHeight;
    }, count, {polling: 'raf', timeout: 180_000});

    const atEnd = await page.evaluate(rowsInPage);
    expect(atEnd).toBeLessThanOrEqual(40);
    await expect(mine.getByRole('checkbox', {name: 'Done: #1', exact: true}).count()).resolves.toBe(0);

    // The channel's heading is far above; its todos are still named by it.
    await expect(mine.getByRole('region', {name: channel.display_name}).count()).resolves.toBe(1);
}, 300_000);
