// The README's pictures, taken in the host page (as strict as the web client: its
// Bootstrap 3 CSS and compass-icons font) against a real server, light and dark: the
// sidebar's list, the assignee picker, the due editor, a command-line tool's own output
// and an empty list; and the bot's posts with their buttons: a reminder in a direct
// message, sent by the server's reminder job for a todo that fell due, and the answer to
// an add. `make screenshots` runs it on a fresh server; with
// CHANNEL_TODO_STACK_FILE set it uses that stack instead.
//   npx tsx e2e/tests/browser/screenshots.ts <output dir>
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';
import type {Locator, Page} from 'playwright-core';

import {botDmChannel, justDue, waitForBotDm} from '../../harness/bot_dms';
import {eventually} from '../../harness/eventually';
import {currentSettings, replaceSettings} from '../../harness/plugin_config';
import {startStack, stackFileIn} from '../../harness/run';
import {clientFor, loadStack} from '../../harness/stack';
import type {Stack} from '../../harness/stack';
import {finishTestRun, newTestRun} from '../../harness/test_runs';
import {TodoApi} from '../../harness/todo_api';
import {ToolBridge} from '../../harness/tool_bridge';

import {openHostPage, openSidebarFromAppBar} from './browser';

const fixtures = path.resolve(__dirname, '../../fixtures');

type Theme = 'light' | 'dark';

type Scene = {
    name: string;
    channel: Channel;

    /** Photograph the channel alone, without opening the plugin's sidebar. */
    noSidebar?: boolean;

    /** Brings the page (its sidebar open unless noSidebar) to the state to show; returns what to photograph (the page when omitted). */
    prepare(rhs: Locator, page: Page): Promise<Locator | void>;
};

/** A post as the host page shows it, once its buttons are drawn. */
async function shownPost(page: Page, postId: string, button: string): Promise<Locator> {
    const post = page.locator(`[data-testid=post][data-post-id="${postId}"]`);
    await post.getByRole('button', {name: button, exact: true}).waitFor();
    return post;
}

function item(rhs: Locator, text: string): Locator {
    return rhs.getByRole('listitem').filter({hasText: text});
}

async function newChannel(admin: Client4, stack: Stack, displayName: string): Promise<Channel> {
    const name = `shot-${crypto.randomBytes(4).toString('hex')}`;
    const channel = await admin.createChannel({team_id: stack.team.id, name, display_name: displayName, type: 'O'} as Channel);
    await admin.addToChannel(stack.user1.id, channel.id);
    await admin.addToChannel(stack.user2.id, channel.id);
    return channel;
}

// The icons are glyphs of the compass-icons font: fail rather than photograph empty boxes.
async function requireIconFont(page: Page): Promise<void> {
    const loaded = await page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].some((f) => f.family.replace(/["']/g, '') === 'compass-icons' && f.status === 'loaded');
    });
    if (!loaded) {
        throw new Error('the compass-icons font did not load: the pictures would show no icons');
    }
}

async function scenes(stack: Stack, admin: Client4, scratch: string): Promise<Scene[]> {
    const api = TodoApi.as(stack.user1, stack.siteURL);
    const launch = await newChannel(admin, stack, 'Product launch');
    const notes = await api.addToChannel(launch.id, {text: 'Write the **release notes**'});
    await api.setAssignees(notes.id, [stack.user2.id]);
    const room = await api.addToChannel(launch.id, {text: `Book the room for the demo with @${stack.user2.username}`});
    await api.setDue(room.id, {date: '2026-01-15', time: '10:00'});
    const cert = await api.addToChannel(launch.id, {text: 'Renew the `TLS` certificate'});
    await api.setDue(cert.id, {date: '2099-12-01'});
    const done = await api.addToChannel(launch.id, {text: 'Pick the launch date'});
    await api.complete(done.id);

    const empty = await newChannel(admin, stack, 'Design review');

    // A todo that has just fallen due: the reminder job (every 2 seconds on the harness's
    // server) sends user1 a direct message with its buttons.
    const marketing = await newChannel(admin, stack, 'Marketing');
    const pressKit = 'Send the **press kit** to the printers';
    await api.addToChannel(marketing.id, {text: pressKit, assignees: [stack.user1.id], due: justDue()});
    const reminder = await waitForBotDm(stack, stack.user1, 'press kit');
    const dm = await botDmChannel(stack, stack.user1);

    // The answer to `@todo add`, in the thread of the request, with Done and Undo.
    const user1 = clientFor(stack.user1);
    const asked = await user1.createPost({channel_id: marketing.id, message: '@todo add Order the banner for the booth'} as Post);
    let added: Post | undefined;
    await eventually(async () => {
        const thread = await user1.getPostThread(asked.id);
        added = Object.values(thread.posts).find((p) => p.user_id === stack.botUserId && p.root_id === asked.id);
        if (!added) {
            throw new Error('the bot has not answered the add yet');
        }
    });
    const answer = added as Post;

    // A channel whose list a `todo` command-line tool keeps, its list not parsed.
    const tool = path.join(fixtures, 'line_list_todo.sh');
    const kept = await newChannel(admin, stack, 'Ops rota');
    const bridge = new ToolBridge(stack);
    await bridge.use({preset: 'todo', executable: tool, dataRoot: fs.mkdtempSync(path.join(scratch, 'data-')), channels: `${stack.team.name}/${kept.name}`}, kept.id);
    for (const text of ['check the backups', 'rotate the on-call pager', 'update the runbook']) {
        await bridge.route(stack.user1, kept.id, 'POST', {verb: 'add', arg: text});
    }
    await bridge.route(stack.user1, kept.id, 'POST', {verb: 'done', arg: '1'});
    await eventually(async () => {
        const res = await bridge.route(stack.user1, kept.id, 'GET');
        if (!res.body.text?.includes('update the runbook')) {
            throw new Error('the tool has not listed the todos yet');
        }
    });

    return [
        {
            name: 'sidebar',
            channel: launch,
            prepare: async (rhs) => {
                await rhs.getByText('Completed (1)').click();
                await rhs.getByText('Pick the launch date').waitFor();
                await item(rhs, 'release notes').hover();
            },
        },
        {
            name: 'assignee-picker',
            channel: launch,
            prepare: async (rhs) => {
                const row = item(rhs, 'release notes');
                await row.hover();
                await row.getByRole('button', {name: 'Assign'}).click();
                await row.getByRole('group', {name: /^Assignees for/}).waitFor();
                return rhs;
            },
        },
        {
            name: 'due-editor',
            channel: launch,
            prepare: async (rhs) => {
                const row = item(rhs, 'certificate');
                await row.hover();
                await row.getByRole('button', {name: 'Due date'}).click();
                await row.getByLabel(/^Due date for/).waitFor();
                return rhs;
            },
        },
        {
            name: 'tool-output',
            channel: kept,
            prepare: async (rhs) => {
                await rhs.getByLabel('The tool\'s list').filter({hasText: 'update the runbook'}).waitFor();
                return rhs;
            },
        },
        {
            name: 'reminder-dm',
            channel: dm,
            noSidebar: true,
            prepare: (_rhs, page) => shownPost(page, reminder.id, 'Done'),
        },
        {
            name: 'added-answer',
            channel: marketing,
            noSidebar: true,
            prepare: (_rhs, page) => shownPost(page, answer.id, 'Undo'),
        },
        {
            name: 'empty',
            channel: empty,
            prepare: async (rhs) => {
                await rhs.getByText('No todos yet').waitFor();
                return rhs;
            },
        },
    ];
}

async function photograph(stack: Stack, outDir: string): Promise<void> {
    const admin = clientFor(stack.admin);
    const settings = await currentSettings(admin);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-screenshots-'));
    try {
        for (const scene of await scenes(stack, admin, scratch)) {
            for (const theme of ['light', 'dark'] as Theme[]) {
                const session = await openHostPage(stack.siteURL, {login: stack.user1, channel: scene.channel.name, theme, production: true});
                try {
                    const {page} = session;
                    const rhs = scene.noSidebar ? page.locator('[data-testid=rhs]') : await openSidebarFromAppBar(page);
                    await requireIconFont(page);
                    const target = await scene.prepare(rhs, page);
                    const file = path.join(outDir, `${scene.name}-${theme}.png`);
                    if (target && scene.noSidebar) {
                        // A post alone, with a margin of its channel around it.
                        await target.scrollIntoViewIfNeeded();
                        const box = await target.boundingBox();
                        if (!box) {
                            throw new Error(`${scene.name}: the post is not on screen`);
                        }
                        const margin = 12;
                        await page.screenshot({path: file, clip: {x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin}});
                    } else {
                        await (target ?? page).screenshot({path: file});
                    }
                    if (session.errors.length > 0) {
                        throw new Error(`the page reported errors: ${session.errors.join('\n')}`);
                    }
                    console.log(file);
                } finally {
                    await session.close();
                }
            }
        }
    } finally {
        await replaceSettings(admin, {...settings, bridgebackend: settings.bridgebackend ?? 'builtin'});
        fs.rmSync(scratch, {recursive: true, force: true});
    }
}

async function main(): Promise<void> {
    const outDir = process.argv[2];
    if (!outDir) {
        throw new Error('usage: screenshots.ts <output dir>');
    }
    fs.mkdirSync(outDir, {recursive: true});
    if (process.env.CHANNEL_TODO_STACK_FILE) {
        await photograph(loadStack(), outDir);
        return;
    }
    const run = newTestRun();
    try {
        await startStack({runDir: run.runDir, database: run.database, freshDatabase: true, log: (line) => process.stderr.write(`[screenshots] ${line}\n`)});
        process.env.CHANNEL_TODO_STACK_FILE = stackFileIn(run.runDir);
        await photograph(loadStack(), outDir);
    } finally {
        await finishTestRun(run);
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
