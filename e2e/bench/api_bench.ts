// Latency of the plugin's REST API on a real Mattermost server with big lists (issue 3, item 8).
// Not a test: it asserts no timings, it prints them. Results go in docs/BENCHMARKS.md.
//
//   make dist && npx tsx e2e/bench/api_bench.ts [--requests 200] [--warmup 20] [--out results.md]
//
// It starts its own stack (fresh database channeltodo_bench_<time>, run directory
// e2e/.run/bench/<time>), seeds one channel with 10,000 todos and measures, grows the same
// channel to 100,000 and measures again, then seeds 10,000 todos assigned to user1 over 100
// channels and measures "mine". Seeding writes the plugin's tables directly (seed_sql.ts);
// every measured request goes through Mattermost to the plugin like a client's would:
// sequential, one at a time, with user1's token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Client4} from '@mattermost/client';

import {runRoot} from '../harness/paths';
import {startStack, stopStack} from '../harness/run';
import {createScratchChannel} from '../harness/scratch_channel';
import {clientFor, type StackState} from '../harness/stack';
import {TodoApi, type Page, type Todo} from '../harness/todo_api';

import {analyze, growChannelList, listCounters} from './seed_sql';
import {markdownTable, measure, summarize, type Measurement, type Summary} from './stats';

interface Options {
    requests: number;
    warmup: number;
    out?: string;
}

function parseArgs(argv: string[]): Options {
    const opts: Options = {requests: 200, warmup: 20};
    for (let i = 0; i < argv.length; i++) {
        const [flag, value] = [argv[i], argv[i + 1]];
        if (flag === '--requests' || flag === '--warmup') {
            const n = Number(value);
            if (!Number.isInteger(n) || n < (flag === '--requests' ? 1 : 0)) {
                throw new Error(`${flag} needs a whole number, got ${value}`);
            }
            opts[flag === '--requests' ? 'requests' : 'warmup'] = n;
            i++;
        } else if (flag === '--out') {
            opts.out = value;
            i++;
        } else {
            throw new Error(`unknown argument ${flag}; use --requests N, --warmup N, --out FILE`);
        }
    }
    return opts;
}

function log(line: string): void {
    process.stderr.write(`[bench] ${line}\n`);
}

function check(ok: boolean, what: string): void {
    if (!ok) {
        throw new Error(`benchmark sanity check failed: ${what}`);
    }
}

/**
 * A cursor `depth` todos into the open list, found by walking it up to 200 at a time as a client
 * scrolling that far would; each page's time is a sample.
 */
async function cursorAt(api: TodoApi, channelId: string, depth: number): Promise<{cursor: string; walk: Measurement}> {
    let cursor: string | undefined;
    let seen = 0;
    const samples: number[] = [];
    while (seen < depth) {
        const start = performance.now();
        const page: Page = await api.listChannel(channelId, {limit: Math.min(200, depth - seen), cursor});
        samples.push(performance.now() - start);
        seen += page.todos.length;
        check(page.next_cursor !== undefined, `the list ended after ${seen} todos, at or before ${depth}`);
        cursor = page.next_cursor;
    }
    return {cursor: cursor as string, walk: {name: '', samples}};
}

/** Measures add, first page and a deep page of a channel list of `size` todos. */
async function listScenario(api: TodoApi, channelId: string, size: number, o: Options): Promise<Summary[]> {
    const label = size.toLocaleString('en-US');
    const rows: Summary[] = [];

    const first = await measure(`list first page (50), ${label} todos`, o.requests, o.warmup, async () => {
        const page = await api.listChannel(channelId, {limit: 50});
        check(page.todos.length === 50, 'first page has 50 todos');
    });
    rows.push(summarize(first));

    // 100 todos before the end of what was seeded: the page a client reaches by scrolling far.
    const deep = await cursorAt(api, channelId, size - 100);
    rows.push(summarize({name: `list pages of 200 walking to ${(size - 100).toLocaleString('en-US')}, ${label} todos`, samples: deep.walk.samples}));
    const deepPage = await measure(`list deep page (50, cursor at ${(size - 100).toLocaleString('en-US')}), ${label} todos`, o.requests, o.warmup, async () => {
        const page = await api.listChannel(channelId, {limit: 50, cursor: deep.cursor});
        check(page.todos.length === 50, 'deep page has 50 todos');
    });
    rows.push(summarize(deepPage));

    let last: Todo | undefined;
    const add = await measure(`add, ${label} todos`, o.requests, o.warmup, async (i) => {
        const todo = await api.addToChannel(channelId, {text: `benchmark add ${i}`});
        check(last === undefined || todo.number === last.number + 1, 'adds get consecutive numbers');
        last = todo;
    });
    rows.push(summarize(add));
    return rows;
}

/** 100 channels with 100 todos each, all assigned to user1; measures the first pages of "mine". */
async function mineScenario(admin: Client4, stack: StackState, api: TodoApi, o: Options): Promise<Summary[]> {
    const channels = 100;
    const perChannel = 100;
    log(`creating ${channels} channels and seeding ${channels * perChannel} todos assigned to user1`);
    for (let c = 0; c < channels; c++) {
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], `mine${c}`);
        growChannelList(stack.database, {channelId: channel.id, count: perChannel, creatorId: stack.user2.id, assigneeId: stack.user1.id, salt: `mine${c}`});
    }
    analyze(stack.database);

    const total = channels * perChannel;
    const first = await measure(`mine first page (50), ${total.toLocaleString('en-US')} todos in ${channels} channels`, o.requests, o.warmup, async () => {
        const page = await api.mine({limit: 50});
        check(page.todos.length === 50, 'mine has 50 todos');
    });
    let cursor: string | undefined;
    let seen = 0;
    const samples: number[] = [];
    do {
        const start = performance.now();
        const page = await api.mine({limit: 200, cursor});
        samples.push(performance.now() - start);
        seen += page.todos.length;
        cursor = page.next_cursor;
    } while (cursor);
    check(seen === total, `mine lists all ${total} todos (got ${seen})`);
    return [
        summarize(first),
        summarize({name: `mine pages of 200 walking all ${total.toLocaleString('en-US')}`, samples}),
    ];
}

async function main(): Promise<void> {
    const o = parseArgs(process.argv.slice(2));
    const stamp = new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14);
    const runDir = path.join(runRoot, 'bench', stamp);
    const database = `channeltodo_bench_${stamp}`;
    const started = Date.now();

    const stack = await startStack({runDir, database, freshDatabase: true, log});
    let failed = false;
    try {
        const admin = clientFor(stack.admin, stack.siteURL);
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const rows: Summary[] = [];

        const big = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'bench');
        for (const target of [10_000, 100_000]) {
            // Top the list up to the target: it already holds the previous round's todos and
            // the adds that round measured. The deep page is measured inside the seeded part.
            const add = target - listCounters(stack.database, big.id).todos;
            const seedStart = Date.now();
            growChannelList(stack.database, {channelId: big.id, count: add, creatorId: stack.user2.id, salt: `big${target}`});
            analyze(stack.database);
            const counters = listCounters(stack.database, big.id);
            log(`seeded ${add} todos in ${((Date.now() - seedStart) / 1000).toFixed(1)}s; list: ${JSON.stringify(counters)}`);
            check(counters.todos === target && counters.todos === counters.maxNumber && counters.nextNumber === counters.maxNumber + 1,
                'list counters follow the seeded todos');
            rows.push(...await listScenario(api, big.id, target, o));
        }
        rows.push(...await mineScenario(admin, stack, api, o));

        const report = [
            `Mattermost ${stack.serverVersion} (${stack.mattermostVersion}), plugin ${stack.pluginId} ${stack.pluginVersion}`,
            `Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
            `Requests: ${o.requests} measured after ${o.warmup} warm-up, one at a time, as user1 with a token; times are client-side wall times.`,
            '',
            markdownTable(rows),
            '',
        ].join('\n');
        process.stdout.write(report);
        if (o.out) {
            fs.writeFileSync(o.out, report);
        }
        log(`done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
    } catch (err) {
        failed = true;
        log(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}; server log: ${stack.logFile}`);
    } finally {
        await stopStack(runDir, database);
        if (!failed) {
            fs.rmSync(runDir, {recursive: true, force: true});
        }
    }
    if (failed) {
        process.exitCode = 1;
    }
}

main().catch((err: unknown) => {
    log(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exitCode = 1;
});
