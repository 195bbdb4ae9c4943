// Screenshots of the sidebar in the host page, light and dark, for the README.
//   CHANNEL_TODO_STACK_FILE=<stack.json> npx tsx e2e/tests/browser/screenshots.ts <output dir>
// Makes a fresh channel with a few todos (one done, one assigned, one due) first.
import fs from 'node:fs';
import path from 'node:path';

import {clientFor, loadStack} from '../../harness/stack';

import {openHostPage} from './browser';
import {todoApi} from './todo_api';

async function main(): Promise<void> {
    const outDir = process.argv[2];
    if (!outDir) {
        throw new Error('usage: screenshots.ts <output dir>');
    }
    fs.mkdirSync(outDir, {recursive: true});
    const stack = loadStack();
    const name = `launch-${Date.now().toString(36)}`;
    const channel = await clientFor(stack.user1).createChannel({team_id: stack.team.id, name, display_name: 'Product launch', type: 'O'});
    await clientFor(stack.user1).addToChannel(stack.user2.id, channel.id);
    const api = todoApi(stack.siteURL, stack.user1);
    const base = `${stack.siteURL}/plugins/channel-todo/api/v1`;
    const call = (method: string, p: string, body: unknown) => fetch(`${base}${p}`, {
        method,
        headers: {'Authorization': `Bearer ${stack.user1.token}`, 'Content-Type': 'application/json'},
        body: JSON.stringify(body),
    });

    const notes = await api.add(channel.id, 'Write the **release notes**');
    await call('PUT', `/todos/${notes.id}/assignees`, {user_ids: [stack.user2.id]});
    const room = await api.add(channel.id, `Book the room for the demo with @${stack.user2.username}`);
    await call('PUT', `/todos/${room.id}/due`, {date: '2026-01-15', time: '10:00'});
    const cert = await api.add(channel.id, 'Renew the `TLS` certificate');
    await call('PUT', `/todos/${cert.id}/due`, {date: '2099-12-01'});
    const done = await api.add(channel.id, 'Pick the launch date');
    await api.complete(done.id);

    for (const theme of ['light', 'dark'] as const) {
        const session = await openHostPage(stack.siteURL, {login: stack.user1, channel: name, theme, production: true});
        try {
            const {page} = session;
            await page.getByRole('toolbar', {name: 'Channel header'}).getByRole('button', {name: 'Open Channel Todo'}).click();
            const sidebar = page.getByRole('complementary', {name: 'Right-hand sidebar'});

            // Open the completed section so the picture shows a done todo too.
            await sidebar.getByText('Completed (1)').click();
            await sidebar.getByText('Pick the launch date').waitFor();
            const file = path.join(outDir, `sidebar-${theme}.png`);
            await page.screenshot({path: file});
            console.log(file);
        } finally {
            await session.close();
        }
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
