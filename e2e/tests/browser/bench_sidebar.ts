// Benchmark (not a test): the sidebar in headless Chromium on the host page, against a real
// server, with a channel of 1,000 and one of 100,000 todos, and a Mine of as many todos
// assigned to the user. For each it times, from a click (the click event's own time stamp):
// on the App Bar icon that opens the sidebar on the channel's list, or on the Mine tab of the
// open sidebar,
//   - the first todo visible (a row of the view inside the viewport),
//   - the list scrolled to its end (the last todo visible, every page read on the way),
// and counts the todo rows and Mine's headings in the page at both moments (they must stay
// bounded by the viewport however long the list is). Where the time to the first todo goes is
// printed per run: when the first request left after the click, when its answer was in, and
// its size. It also prints the size of the webapp bundle.
//
//   make bench                                    # starts its own stack, like the API benchmark
//   CHANNEL_TODO_STACK_FILE=<stack.json> npx tsx e2e/tests/browser/bench_sidebar.ts [--first-only] [--runs n] [count ...]
//
// --first-only stops each run at the first todo visible (no scrolling to the end).
// --trace <dir> records a Chromium performance trace of each run (click to the end of the run)
// into <dir>, to open in Chromium's Performance panel.
//
// With CHANNEL_TODO_STACK_FILE (from `make server`: e2e/.run/dev/stack.json) it uses that
// server; otherwise it starts one on a fresh database with CHANNEL_TODO_BUNDLE installed.
// Todos are written straight into the database (e2e/bench/seed_sql.ts): adding 100,000
// through the API would take longer than the benchmark itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

import type {Page} from 'playwright-core';

import {analyze, growChannelList} from '../../bench/seed_sql';
import {runRoot} from '../../harness/paths';
import {startStack, stopStack} from '../../harness/run';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadState, type StackState} from '../../harness/stack';

import {appBarIcon, openHostPage, openSidebarFromAppBar} from './browser';

const bundle = path.join(__dirname, '..', '..', '..', 'webapp', 'dist', 'main.js');

type View = 'channel' | 'mine';

type Run = {firstVisible: number; rowsAtFirst: number; end?: number; rowsAtEnd?: number};

type Options = {toEnd: boolean; runs: number; traceDir?: string};

// The rows of each view (Mine's are under .channel-todo-mine), and Mine's headings.
const rowSelector: Record<View, string> = {
    channel: '[data-testid=rhs] .channel-todo-channel [data-todo-id]',
    mine: '[data-testid=rhs] .channel-todo-mine [data-todo-id]',
};
const headingSelector = '[data-testid=rhs] .channel-todo-mine h3';

function kib(bytes: number): string {
    return `${(bytes / 1024).toFixed(1)} KiB`;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

// Plain JavaScript, not a function passed to page.evaluate: tsx would add helpers to a
// compiled function that the page does not have.
function probeScript(last: number, view: View, toEnd: boolean): string {
    return `(() => {
        const probe = {};
        window.benchProbe = probe;
        const rows = () => document.querySelectorAll(${JSON.stringify(rowSelector[view])});
        const inPage = () => rows().length + document.querySelectorAll(${JSON.stringify(headingSelector)}).length;
        const api = () => performance.getEntriesByType('resource').
            filter((e) => e.name.includes('/plugins/channel-todo/api/') && e.startTime >= probe.clicked).
            map((e) => ({url: e.name.split('/api/v1').pop(), start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize}));
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
        const lastRow = () => Array.from(rows()).find((row) => row.querySelector('[aria-label="Done: #${last}"]'));
        const scrollToEnd = () => {
            const done = lastRow();
            if (done && visible(done)) {
                probe.end = performance.now();
                probe.rowsAtEnd = inPage();
                probe.finished = true;
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
                performance.mark('bench: first visible');
                probe.rowsAtFirst = inPage();
                probe.requests = api();
                if (${toEnd}) {
                    requestAnimationFrame(scrollToEnd);
                } else {
                    probe.finished = true;
                }
                return;
            }
            requestAnimationFrame(watchFirst);
        };
        // When the first row enters the DOM (it may be laid out later).
        const inserted = new MutationObserver(() => {
            if (rows().length > 0) {
                probe.inserted = performance.now();
                performance.mark('bench: first row in the DOM');
                inserted.disconnect();
            }
        });
        document.addEventListener('click', (e) => {
            if (probe.clicked === undefined) {
                probe.clicked = e.timeStamp;
                inserted.observe(document.body, {childList: true, subtree: true});
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
async function armProbe(page: Page, last: number, view: View, toEnd: boolean): Promise<void> {
    await page.evaluate(probeScript(last, view, toEnd));
}

type Probe = {
    clicked: number; inserted?: number; firstVisible: number; rowsAtFirst: number; end?: number; rowsAtEnd?: number;
    requests: Array<{url: string; start: number; end: number; bytes: number}>;
};

const traceCategories = [
    'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
    'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'loading', 'toplevel',
];

/** Starts a Chromium trace of the page; the function returned stops it and gives its events. */
async function startTrace(page: Page): Promise<() => Promise<unknown[]>> {
    const cdp = await page.context().newCDPSession(page);
    const events: unknown[] = [];
    cdp.on('Tracing.dataCollected', (e: {value: unknown[]}) => {
        events.push(...e.value);
    });
    await cdp.send('Tracing.start', {traceConfig: {includedCategories: traceCategories}, transferMode: 'ReportEvents'});
    return async () => {
        const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
        await cdp.send('Tracing.end');
        await done;
        await cdp.detach();
        return events;
    };
}

/**
 * Runs of one view on a fresh page load each (a first render with an empty store): the
 * channel's list of `channelName` from the App Bar, or Mine from its tab in the sidebar
 * opened on `channelName`. `last` is the number of the todo that ends the view.
 */
async function measureView(stack: StackState, channelName: string, view: View, last: number, options: Options): Promise<Run[]> {
    const session = await openHostPage(stack.siteURL, {login: stack.user1, team: stack.team.name, channel: channelName, production: true});
    const results: Run[] = [];
    try {
        const {page} = session;
        for (let run = 0; run < options.runs; run++) {
            if (view === 'mine') {
                await openSidebarFromAppBar(page);
                await page.getByRole('tab', {name: 'Channel'}).waitFor();
            }
            await armProbe(page, last, view, options.toEnd);
            const trace = options.traceDir ? await startTrace(page) : undefined;
            await (view === 'mine' ? page.getByRole('tab', {name: 'Mine'}) : appBarIcon(page)).click();
            const handle = await page.waitForFunction(() => {
                const p = (window as unknown as {benchProbe: {finished?: boolean}}).benchProbe;
                return p.finished ? p : undefined;
            }, undefined, {timeout: 30 * 60_000, polling: 250});
            const p = await handle.jsonValue() as Probe;
            if (trace && options.traceDir) {
                const file = path.join(options.traceDir, `${view}-${last}-run${run + 1}.json`);
                fs.writeFileSync(file, JSON.stringify({traceEvents: await trace()}));
                console.log(`    trace: ${file}`);
            }
            const r: Run = {firstVisible: p.firstVisible - p.clicked, rowsAtFirst: p.rowsAtFirst};
            if (p.end !== undefined) {
                r.end = p.end - p.clicked;
                r.rowsAtEnd = p.rowsAtEnd;
            }
            results.push(r);
            const requests = p.requests.map((q) => `${q.url} sent +${(q.start - p.clicked).toFixed(0)} ms, answered +${(q.end - p.clicked).toFixed(0)} ms, ${kib(q.bytes)}`);
            const end = r.end === undefined ? '' : `, end ${r.end.toFixed(0)} ms (${r.rowsAtEnd} rows)`;
            const inDom = p.inserted === undefined ? '' : `, first row in the DOM +${(p.inserted - p.clicked).toFixed(0)} ms`;
            console.log(`  ${view}, ${last} todos, run ${run + 1}: first visible ${r.firstVisible.toFixed(0)} ms (${r.rowsAtFirst} rows in the page)${inDom}${end}`);
            for (const q of requests) {
                console.log(`    ${q}`);
            }
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

function parseArgs(args: string[]): {sizes: number[]; options: Options} {
    const options: Options = {toEnd: true, runs: 3};
    const counts: number[] = [];
    for (let i = 0; i < args.length; i++) {
        if (args[i] === '--first-only') {
            options.toEnd = false;
        } else if (args[i] === '--trace') {
            options.traceDir = path.resolve(args[++i] ?? '');
            fs.mkdirSync(options.traceDir, {recursive: true});
        } else if (args[i] === '--runs') {
            options.runs = Number(args[++i]);
        } else {
            counts.push(Number(args[i]));
        }
    }
    const sizes = counts.length > 0 ? counts : [1_000, 100_000];
    if ([...sizes, options.runs].some((n) => !Number.isInteger(n) || n <= 0)) {
        throw new Error(`counts and --runs must be positive integers: ${args.join(' ')}`);
    }
    return {sizes: [...sizes].sort((a, b) => a - b), options};
}

function range(values: number[], unit: (v: number) => string): string {
    return `${unit(median(values))} (${unit(Math.min(...values))}–${unit(Math.max(...values))})`;
}

async function main(): Promise<void> {
    const {sizes, options} = parseArgs(process.argv.slice(2));
    const rows: string[] = [];
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const seconds = (v: number) => `${(v / 1000).toFixed(1)} s`;
    const row = (what: string, count: number, runs: Run[]) => {
        const ends = runs.flatMap((r) => (r.end === undefined ? [] : [r.end]));
        const maxRows = Math.max(...runs.map((r) => Math.max(r.rowsAtFirst, r.rowsAtEnd ?? 0)));
        rows.push(`| ${what} | ${count.toLocaleString('en-US')} | ${range(runs.map((r) => r.firstVisible), ms)} | ${ends.length > 0 ? range(ends, seconds) : 'not measured'} | ${maxRows} |`);
    };
    await withStack(async (stack) => {
        const admin = clientFor(stack.admin, stack.siteURL);

        // Mine grows in one channel of its own, its todos assigned to user1 (numbered 1 to n).
        const mineChannel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'benchmine');
        let mine = 0;
        for (const count of sizes) {
            const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'benchui');
            const salt = `ui${count}${Date.now().toString(36)}`;
            growChannelList(stack.database, {channelId: channel.id, count, creatorId: stack.user1.id, salt});
            growChannelList(stack.database, {channelId: mineChannel.id, count: count - mine, creatorId: stack.user1.id, assigneeId: stack.user1.id, salt: `${salt}m`});
            mine = count;
            analyze(stack.database);
            row('Channel', count, await measureView(stack, channel.name, 'channel', count, options));
            row('Mine', count, await measureView(stack, stack.channels.town.name, 'mine', count, options));
        }
    });

    const runs = `median of ${options.runs}, range`;
    console.log(`\nSidebar, click to first todo visible and to the last todo visible (${runs}); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end:\n`);
    console.log('| View | Todos | First todo visible | Scrolled to the end | Most rows in the page (todos + headings) |');
    console.log('| --- | --- | --- | --- | --- |');
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
