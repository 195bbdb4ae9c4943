// Screenshots of the sidebar in the host page, light and dark, for the README.
//   CHANNEL_TODO_STACK_FILE=<stack.json> npx tsx e2e/tests/browser/screenshots.ts <output dir>
// Makes a fresh channel with a few todos (one done, one assigned, one due) first.
import fs from 'node:fs';
import path from 'node:path';

import {clientFor, loadStack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';

import {openHostPage} from './browser';

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
    const api = TodoApi.as(stack.user1, stack.siteURL);

    const notes = await api.addToChannel(channel.id, {text: 'Write the **release notes**'});
    await api.setAssignees(notes.id, [stack.user2.id]);
    const room = await api.addToChannel(channel.id, {text: `Book the room for the demo with @${stack.user2.username}`});
    await api.setDue(room.id, {date: '2026-01-15', time: '10:00'});
    const cert = await api.addToChannel(channel.id, {text: 'Renew the `TLS` certificate'});
    await api.setDue(cert.id, {date: '2099-12-01'});
    const done = await api.addToChannel(channel.id, {text: 'Pick the launch date'});
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
