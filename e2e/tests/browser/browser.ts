// Headless Chromium (Debian's, never a downloaded browser) on the host page, which
// stands in for Mattermost's web client in front of the real server. Browser tests
// share these helpers, and one check: after every test, no page it opened (pop-outs
// included) logged a console error or threw an uncaught exception, unless the test
// took those errors itself with takeErrors().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {chromium} from 'playwright-core';
import type {Channel} from '@mattermost/types/channels';
import type {BrowserContext, ConsoleMessage, Locator, Page} from 'playwright-core';

import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack} from '../../harness/stack';
import type {Login, Named} from '../../harness/stack';
import {startHostServer} from '../../host/server';
import type {HostServer} from '../../host/server';

/** Debian's chromium; CHANNEL_TODO_CHROMIUM points elsewhere. */
export const chromiumPath = process.env.CHANNEL_TODO_CHROMIUM ?? '/usr/bin/chromium';

const chromiumArgs = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

/** A browser on the host page, and everything the page reported as broken. */
export type Session = {
    page: Page;
    context: BrowserContext;
    host: HostServer;

    /** console.error messages and uncaught exceptions of every page of this browser, in order. */
    errors: string[];

    /** Hands over (and clears) the errors so far, for a test that expects some. */
    takeErrors(): string[];
    close(): Promise<void>;
};

export type OpenOptions = {
    login: Login;

    /** Team name; the seeded team when omitted. */
    team?: string;

    /** Channel name (not id) to open; Town Square when omitted. */
    channel?: string;
    theme?: 'light' | 'dark';

    /** Serve the page and the server under this subpath, e.g. '/mattermost'. */
    subpath?: string;

    /** Production React on the page (benchmarks); development React otherwise. */
    production?: boolean;
};

// Every session opened in this test file, for the shared check below.
const openSessions = new Set<Session>();

// Only under jest (benchmarks and the screenshot script import these helpers too).
if (typeof afterEach === 'function') {
    afterEach(() => {
        const errors = [...openSessions].flatMap((s) => s.takeErrors());
        expect(errors).toEqual([]);
    });
}

async function launch(): Promise<{context: BrowserContext; userDataDir: string}> {
    if (!fs.existsSync(chromiumPath)) {
        throw new Error(`no Chromium at ${chromiumPath}: install Debian's package (apt-get install chromium, or make deps)`);
    }
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-chromium-'));
    try {
        const context = await chromium.launchPersistentContext(userDataDir, {
            executablePath: chromiumPath,
            headless: true,
            args: chromiumArgs,
            viewport: {width: 1280, height: 800},
        });
        return {context, userDataDir};
    } catch (err) {
        fs.rmSync(userDataDir, {recursive: true, force: true});
        throw err;
    }
}

function describeConsole(msg: ConsoleMessage): string {
    const where = msg.location();
    return `${msg.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`;
}

/**
 * Starts the host page for siteURL, signs in as `login` with the page's form (so
 * the browser holds the session cookies, CSRF included, as with the web client)
 * and waits until the page has loaded the server's plugins.
 */
export async function openHostPage(siteURL: string, options: OpenOptions): Promise<Session> {
    const host = await startHostServer(siteURL, {production: options.production, subpath: options.subpath});
    let launched: {context: BrowserContext; userDataDir: string};
    try {
        launched = await launch();
    } catch (err) {
        await host.close();
        throw err;
    }
    const {context, userDataDir} = launched;
    const errors: string[] = [];
    const watch = (page: Page) => {
        page.on('console', (msg) => {
            if (msg.type() === 'error') {
                errors.push(describeConsole(msg));
            }
        });
        page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    const page = context.pages()[0] ?? await context.newPage();

    const close = async () => {
        await context.close().catch(() => undefined);
        await host.close();
        fs.rmSync(userDataDir, {recursive: true, force: true});
    };
    const session: Session = {page, context, host, errors, takeErrors: () => errors.splice(0), close};

    try {
        await page.goto(`${host.url}${pagePath(options)}${options.theme ? `?theme=${options.theme}` : ''}`);
        const form = page.getByRole('form', {name: 'Sign in'});
        await form.getByLabel('Username or email').fill(options.login.username);
        await form.getByLabel('Password').fill(options.login.password);
        await form.getByRole('button', {name: 'Sign in'}).click();
        await waitForHostReady(page);
    } catch (err) {
        await close();
        throw err;
    }
    openSessions.add(session);
    return session;
}

// The address inside the page's root (host.url ends with '/').
function pagePath({team, channel}: OpenOptions): string {
    if (!channel) {
        return '';
    }
    return `${encodeURIComponent(team ?? loadStack().team.name)}/channels/${encodeURIComponent(channel)}`;
}

/** The App Bar icon of a plugin: the door users open its sidebar with by default. */
export function appBarIcon(page: Page, pluginId = 'channel-todo'): Locator {
    return page.locator(`#app-bar-icon-${pluginId}`);
}

/** The plugin's channel header button (there only with DisableAppBar=true). */
export function headerButton(page: Page, name = 'Open Channel Todo'): Locator {
    return page.getByRole('toolbar', {name: 'Channel header'}).getByRole('button', {name});
}

/** The right-hand sidebar. */
export function sidebar(page: Page): Locator {
    return page.getByRole('complementary', {name: 'Right-hand sidebar'});
}

/** Opens the plugin's sidebar from the App Bar, as users do with default settings. */
export async function openSidebarFromAppBar(page: Page): Promise<Locator> {
    await appBarIcon(page).click();
    const rhs = sidebar(page);
    await rhs.waitFor();
    return rhs;
}

/** A signed-in page whose sidebar shows a channel's list. */
export type ChannelSidebar = {session: Session; rhs: Locator};

export type SidebarOptions = {

    /** Who signs in; user1 when omitted. */
    login?: Login;

    /** As in OpenOptions. */
    subpath?: string;
};

/**
 * Where most sidebar tests begin: the host page on `channel`, signed in, the sidebar opened
 * from the App Bar, and its heading naming the channel, so the test starts on that channel's
 * list rather than on a sidebar still finding out which channel is current. The caller closes
 * the session.
 */
export async function openSidebarOn(channel: Named, options: SidebarOptions = {}): Promise<ChannelSidebar> {
    const stack = loadStack();
    const login = options.login ?? stack.user1;
    const session = await openHostPage(stack.siteURL, {login, channel: channel.name, subpath: options.subpath});
    try {
        const rhs = await openSidebarFromAppBar(session.page);
        const shown = await clientFor(login, stack.siteURL).getChannel(channel.id);
        await rhs.getByRole('heading', {name: `Todos in ${shown.display_name}`}).waitFor();
        return {session, rhs};
    } catch (err) {
        await session.close();
        throw err;
    }
}

/** openSidebarOn a new public channel of user1 and user2 (named after `prefix`), for a test file that wants a list of its own. */
export async function openSidebarOnNewChannel(prefix: string, options: SidebarOptions = {}): Promise<ChannelSidebar & {channel: Channel}> {
    const stack = loadStack();
    const admin = clientFor(stack.admin, stack.siteURL);
    const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], prefix);
    return {channel, ...await openSidebarOn(channel, options)};
}

/**
 * Opens a post's hover "Message actions" menu as a user does: the pointer over the
 * post shows the post menu, whose icon-apps button (named "actions") opens it.
 */
export async function openMessageActions(post: Locator): Promise<Locator> {
    await post.hover();
    await post.getByRole('button', {name: 'actions', exact: true}).click();
    const menu = post.getByRole('menu', {name: 'Message actions'});
    await menu.waitFor();
    return menu;
}

/** Goes to a channel by clicking it in the channel sidebar, and waits until it is current. */
export async function switchChannel(page: Page, name: string | RegExp): Promise<void> {
    const link = page.getByRole('navigation', {name: 'Channels'}).getByRole('link', {name, exact: typeof name === 'string'});
    await link.click();
    await page.getByRole('navigation', {name: 'Channels'}).locator('[aria-current=page]').filter({hasText: name}).waitFor();
}

/** Waits for the page to finish signing in and loading plugins (ready or failed). */
export async function waitForHostReady(page: Page): Promise<void> {
    const status = page.getByTestId('host-status');
    await page.waitForFunction(() => {
        const phase = document.querySelector('[data-testid=host-status]')?.getAttribute('data-phase');
        return phase === 'ready' || phase === 'failed';
    });
    const phase = await status.getAttribute('data-phase');
    if (phase !== 'ready') {
        throw new Error(`the host page did not start: ${await status.innerText()}`);
    }
}

/** The page's own record of what plugins registered (window.channelTodoHost). */
export async function registrationsOf(page: Page) {
    return page.evaluate(() => {
        const host = window.channelTodoHost;
        if (!host) {
            throw new Error('window.channelTodoHost is missing');
        }
        const r = host.registrations.getSnapshot();
        const state = host.store.getState();
        return {
            rhs: r.rhs.map((x) => x.pluginId),
            headerButtons: r.headerButtons.map((x) => x.pluginId),
            appBar: r.appBar.map((x) => ({pluginId: x.pluginId, iconUrl: x.iconUrl})),
            postMenu: r.postMenu.map((x) => x.pluginId),
            recorded: r.recorded,
            webSocketHandlers: host.registrations.webSocketHandlerCounts(),
            reconnectHandlers: host.registrations.reconnectHandlerCount(),
            popoutListeners: r.popoutListeners.map((x) => x.pluginId),
            reducerKeys: Object.keys(state).filter((k) => k.startsWith('plugins-')),
        };
    });
}
