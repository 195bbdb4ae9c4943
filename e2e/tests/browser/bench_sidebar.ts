// Benchmark (not a test): the sidebar in headless Chromium on the host page, against a real
// server, with a channel of 1,000 and one of 100,000 todos. For each it times, from the click
// on the App Bar icon that opens the sidebar (the click event's own time stamp):
//   - the first todo visible (a row of the list inside the viewport),
//   - the list scrolled to its end (the last todo visible, every page read on the way),
// and counts the todo rows in the page at both moments (they must stay bounded by the
// viewport however long the list is). It also prints the size of the webapp bundle.
//
//   make bench                                    # starts its own stack, like the API benchmark
//   CHANNEL_TODO_STACK_FILE=<stack.json> npx tsx e2e/tests/browser/bench_sidebar.ts [count ...]
//
// With CHANNEL_TODO_STACK_FILE (from `make server`: e2e/.run/dev/stack.json) it uses that
// server; otherwise it starts one on a fresh database with CHANNEL_TODO_BUNDLE installed.
// Todos are written straight into the database (e2e/bench/seed_sql.ts): adding 100,000
// through the API would take longer than the benchmark itself.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import type {Page} from 'playwright-core';

import {analyze, growChannelList} from '../../bench/seed_sql';
import {runRoot} from '../../harness/paths';
import {startStack, stopStack} from '../../harness/run';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadState, type StackState} from '../../harness/stack';

import {appBarIcon, openHostPage} from './browser';

const bundle = path.join(__dirname, '..', '..', '..', 'webapp', 'dist', 'main.js');

type Run = {firstVisible: number; rowsAtFirst: number; end: number; rowsAtEnd: number};

function kib(bytes: number): string {
    return `${(bytes / 1024).toFixed(1)} KiB`;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

// Plain JavaScript, not a function passed to page.evaluate: tsx would add helpers to a
// compiled function that the page does not have.
function probeScript(last: number): string {
    return `(() => {
        const probe = {};
        window.benchProbe = probe;
        const rows = () => document.querySelectorAll('[data-testid=rhs] [data-todo-id]');
        const visible = (el) => {
            const r = el.getBoundingClientRect();
            return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
        };
        const scroller = (el) => {
            for (let p = el.parentElement; p; p = p.parentElement) {
                const o = getComputedStyle(p).overflowY;
                if ((o === 'auto' || o === 'scroll') && p.scrollHeight > p.clientHeight) {
                    return p;
                }
            }
            return document.scrollingElement || document.documentElement;
        };
        const lastRow = () => document.querySelector('[data-testid=rhs] [aria-label="Done: #${last}"]');
        const scrollToEnd = () => {
            const done = lastRow();
            if (done && visible(done)) {
                probe.end = performance.now();
                probe.rowsAtEnd = rows().length;
                return;
            }
            const first = rows()[0];
            if (first) {
                const s = scroller(first);
                s.scrollTop = s.scrollHeight;
            }
            requestAnimationFrame(scrollToEnd);
        };
        const watchFirst = () => {
            const first = Array.from(rows()).find(visible);
            if (first) {
                probe.firstVisible = performance.now();
                probe.rowsAtFirst = rows().length;
                requestAnimationFrame(scrollToEnd);
                return;
            }
            requestAnimationFrame(watchFirst);
        };
        document.addEventListener('click', (e) => {
            if (probe.clicked === undefined) {
                probe.clicked = e.timeStamp;
                requestAnimationFrame(watchFirst);
            }
        }, {capture: true});
    })()`;
}

/**
 * In the page, before the click: records the click's time stamp, the moment the first todo
 * row is inside the viewport, then scrolls the list's scroller to its end until the last
 * todo is visible. Times are on the page's own clock (performance.now).
 */
async function armProbe(page: Page, last: number): Promise<void> {
    await page.evaluate(probeScript(last));
}

async function measureChannel(stack: StackState, channelName: string, count: number, runs: number): Promise<Run[]> {
    const session = await openHostPage(stack.siteURL, {login: stack.user1, team: stack.team.name, channel: channelName, production: true});
    const results: Run[] = [];
    try {
        const {page} = session;
        for (let run = 0; run < runs; run++) {
            // A fresh page load each run: a first render with an empty store.
            await armProbe(page, count);
            await appBarIcon(page).click();
            const handle = await page.waitForFunction(() => {
                const p = (window as unknown as {benchProbe: {end?: number}}).benchProbe;
                return p.end !== undefined ? p : undefined;
            }, undefined, {timeout: 30 * 60_000, polling: 250});
            const p = await handle.jsonValue() as {clicked: number; firstVisible: number; rowsAtFirst: number; end: number; rowsAtEnd: number};
            results.push({firstVisible: p.firstVisible - p.clicked, rowsAtFirst: p.rowsAtFirst, end: p.end - p.clicked, rowsAtEnd: p.rowsAtEnd});
            console.log(`  ${count} todos, run ${run + 1}: first visible ${(p.firstVisible - p.clicked).toFixed(0)} ms (${p.rowsAtFirst} rows in the page), end ${(p.end - p.clicked).toFixed(0)} ms (${p.rowsAtEnd} rows)`);
            await page.reload();
            await page.getByTestId('host-status').and(page.locator('[data-phase=ready]')).waitFor();
        }
        if (session.errors.length > 0) {
            throw new Error(`the page reported errors: ${session.errors.join('\n')}`);
        }
    } finally {
        await session.close();
    }
    return results;
}

async function withStack<T>(fn: (stack: StackState) => Promise<T>): Promise<T> {
    if (process.env.CHANNEL_TODO_STACK_FILE) {
        return fn(loadState());
    }
    const stamp = new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14);
    const runDir = path.join(runRoot, 'bench', `sidebar-${stamp}`);
    const database = `channeltodo_benchui_${stamp}`;
    const stack = await startStack({runDir, database, freshDatabase: true, log: (line) => console.log(line)});
    try {
        return await fn(stack);
    } finally {
        await stopStack(runDir, database);
    }
}

async function main(): Promise<void> {
    const counts = process.argv.slice(2).map(Number);
    const sizes = counts.length > 0 ? counts : [1_000, 100_000];
    if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
        throw new Error(`counts must be positive integers: ${process.argv.slice(2).join(' ')}`);
    }
    const rows: string[] = [];
    await withStack(async (stack) => {
        const admin = clientFor(stack.admin, stack.siteURL);
        for (const count of sizes) {
            const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'benchui');
            growChannelList(stack.database, {channelId: channel.id, count, creatorId: stack.user1.id, salt: `ui${count}${Date.now().toString(36)}`});
            analyze(stack.database);
            const runs = await measureChannel(stack, channel.name, count, 3);
            const first = runs.map((r) => r.firstVisible);
            const end = runs.map((r) => r.end);
            const maxRows = Math.max(...runs.map((r) => Math.max(r.rowsAtFirst, r.rowsAtEnd)));
            rows.push(`| ${count.toLocaleString('en-US')} | ${median(first).toFixed(0)} ms (${Math.min(...first).toFixed(0)}–${Math.max(...first).toFixed(0)}) | ${median(end).toFixed(0)} ms (${Math.min(...end).toFixed(0)}–${Math.max(...end).toFixed(0)}) | ${maxRows} |`);
        }
    });

    console.log('\nSidebar, click to first todo visible and to the last todo visible (median of 3, range):\n');
    console.log('| Todos in the channel | First todo visible | Scrolled to the end | Most todo rows in the page |');
    console.log('| --- | --- | --- | --- |');
    for (const row of rows) {
        console.log(row);
    }
    if (fs.existsSync(bundle)) {
        const raw = fs.readFileSync(bundle);
        console.log(`\nwebapp bundle ${path.relative(process.cwd(), bundle)}: ${kib(raw.length)} raw, ${kib(zlib.gzipSync(raw, {level: 9}).length)} gzip`);
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
