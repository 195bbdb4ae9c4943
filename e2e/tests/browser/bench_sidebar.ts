// Benchmark (not a test): the sidebar's first render of a 1,000-todo list in headless
// Chromium on the host page, and the size of the webapp bundle.
//   CHANNEL_TODO_STACK_FILE=<stack.json> npx tsx e2e/tests/browser/bench_sidebar.ts [count]
// The stack file comes from `make server` (e2e/.run/dev/stack.json) or a test run.
// A fresh channel is made and filled through the REST API each time.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import {clientFor, loadStack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';

import {appBarIcon, openHostPage} from './browser';

const bundle = path.join(__dirname, '..', '..', '..', 'webapp', 'dist', 'main.js');
const runs = 5;

function kib(bytes: number): string {
    return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
    const count = Number(process.argv[2] ?? 1000);
    const stack = loadStack();
    const user1 = clientFor(stack.user1);
    const name = `bench-${Date.now().toString(36)}`;
    const channel = await user1.createChannel({team_id: stack.team.id, name, display_name: `Bench ${name}`, type: 'O'});
    const api = TodoApi.as(stack.user1, stack.siteURL);

    // Bounded batches of parallel requests to the local server.
    for (let i = 0; i < count; i += 20) {
        await Promise.all(Array.from({length: Math.min(20, count - i)}, (_, j) => api.addToChannel(channel.id, {text: `Benchmark todo ${i + j + 1} with **some** text`})));
    }

    const session = await openHostPage(stack.siteURL, {login: stack.user1, channel: name, production: true});
    const times: number[] = [];
    try {
        const {page} = session;
        const button = appBarIcon(page);
        for (let run = 0; run < runs; run++) {
            // Open the sidebar on a fresh page load each run: first render, list fetched.
            const start = await page.evaluate(() => performance.now());
            await button.click();
            await page.waitForFunction((n) => document.querySelectorAll('[data-testid=rhs] input[type=checkbox]').length >= n, count);
            times.push(await page.evaluate((t0) => performance.now() - t0, start));
            await page.reload();
            await page.getByTestId('host-status').and(page.locator('[data-phase=ready]')).waitFor();
        }
        if (session.errors.length > 0) {
            throw new Error(`the page reported errors: ${session.errors.join('\n')}`);
        }
    } finally {
        await session.close();
    }

    times.sort((a, b) => a - b);
    const raw = fs.readFileSync(bundle);
    console.log(`first render of ${count} todos (click to all rendered, REST fetch included), ${runs} runs:`);
    console.log(`  median ${times[Math.floor(runs / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[runs - 1].toFixed(0)} ms`);
    console.log(`webapp bundle ${path.relative(process.cwd(), bundle)}: ${kib(raw.length)} raw, ${kib(zlib.gzipSync(raw, {level: 9}).length)} gzip`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
