// Headless Chromium (Debian's, never a downloaded browser) on the host page, which
// stands in for Mattermost's web client in front of the real server. Browser tests
// share these helpers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {chromium} from 'playwright-core';
import type {BrowserContext, ConsoleMessage, Page} from 'playwright-core';

import type {Login} from '../../harness/stack';
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
    host: HostServer;

    /** console.error messages and uncaught exceptions, in order. */
    errors: string[];
    close(): Promise<void>;
};

export type OpenOptions = {
    login: Login;

    /** Channel name (not id) to open; Town Square when omitted. */
    channel?: string;
    locale?: string;
    theme?: 'light' | 'dark';

    /** Production React on the page (benchmarks); development React otherwise. */
    production?: boolean;
};

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
    const host = await startHostServer(siteURL, {production: options.production});
    let launched: {context: BrowserContext; userDataDir: string};
    try {
        launched = await launch();
    } catch (err) {
        await host.close();
        throw err;
    }
    const {context, userDataDir} = launched;
    const page = context.pages()[0] ?? await context.newPage();
    const errors: string[] = [];
    page.on('console', (msg) => {
        if (msg.type() === 'error') {
            errors.push(describeConsole(msg));
        }
    });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));

    const close = async () => {
        await context.close().catch(() => undefined);
        await host.close();
        fs.rmSync(userDataDir, {recursive: true, force: true});
    };

    try {
        const query = new URLSearchParams();
        if (options.channel) {
            query.set('channel', options.channel);
        }
        if (options.locale) {
            query.set('locale', options.locale);
        }
        if (options.theme) {
            query.set('theme', options.theme);
        }
        await page.goto(`${host.url}?${query}`);
        const form = page.getByRole('form', {name: 'Sign in'});
        await form.getByLabel('Username or email').fill(options.login.username);
        await form.getByLabel('Password').fill(options.login.password);
        await form.getByRole('button', {name: 'Sign in'}).click();
        await waitForHostReady(page);
    } catch (err) {
        await close();
        throw err;
    }
    return {page, host, errors, close};
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
            webSocketEvents: host.registrations.webSocketEvents(),
            reducerKeys: Object.keys(state).filter((k) => k.startsWith('plugins-')),
        };
    });
}
