// Channel Todo's requests next to Mattermost's own, measured in the same run on the same server
// (issue 10, item 6). Not a test: it asserts no timings, it prints them, with the ratios to
// Mattermost's floor that the targets are stated in. Results go in docs/BENCHMARKS.md.
//
//   make dist && npx tsx e2e/bench/api_bench.ts [--requests 200] [--warmup 20] [--out results.md]
//
// It starts its own stack (fresh database channeltodo_bench_<time>, run directory
// e2e/.run/bench/<time>) and measures, one request at a time as user1 with a token:
//   - Mattermost's floor: POST /posts, GET /channels/{id}/posts?per_page=50, the built-in /shrug;
//   - /todo add, /todo list and REST add, page of 50, page of 200 with 10, 1,000, 10,000 and
//     100,000 todos in one channel (seeded with SQL, seed_sql.ts);
//   - "mine" (REST first page and /todo mine) over 10, 100 and 1,000 channels; over 1,000, REST
//     mine is taken in turn with the page of 50 of a list of 1,000 todos, its target's yardstick;
//   - 64 concurrent writers adding to one list for 30 s: throughput, p95, errors, nothing lost;
//   - the plugin process's resident memory at idle and after the load, and activation time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Client4} from '@mattermost/client';
import type {CommandArgs} from '@mattermost/types/integrations';
import type {Post} from '@mattermost/types/posts';

import {runRoot} from '../harness/paths';
import {startStack, stopStack} from '../harness/run';
import {createScratchChannel} from '../harness/scratch_channel';
import {clientFor, type StackState} from '../harness/stack';
import {TodoApi, type Todo} from '../harness/todo_api';

import {activationMs, findProcess, residentMiB} from './plugin_process';
import {analyze, growChannelList, listCounters, listTotals, seedAssignedAcross} from './seed_sql';
import {markdownTable, measure, measureInTurn, summarize, type Summary} from './stats';

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


const fmt = (n: number): string => n.toLocaleString('en-US');

/** A ratio of two medians and the target it is held to. */
interface Ratio {
    name: string;
    value: number;
    target: number;
}

function ratioTable(ratios: Ratio[]): string {
    const lines = ['| Ratio of medians | value | target | |', '|---|---:|---:|---|'];
    for (const r of ratios) {
        lines.push(`| ${r.name} | ${r.value.toFixed(2)}× | ≤ ${r.target}× | ${r.value <= r.target ? 'met' : '**missed**'} |`);
    }
    return lines.join('\n');
}

/** Mattermost's own requests, measured on the same server in the same run. */
async function floorScenario(user: Client4, stack: StackState, channelId: string, o: Options): Promise<{post: Summary; page: Summary; shrug: Summary}> {
    const post = summarize(await measure('Mattermost: POST /posts', o.requests, o.warmup, async (i) => {
        const created = await user.createPost({channel_id: channelId, message: `benchmark post ${i}`} as Post);
        check(created.id.length === 26, 'the post was created');
    }));
    const page = summarize(await measure('Mattermost: GET /channels/{id}/posts?per_page=50', o.requests, o.warmup, async () => {
        const posts = await user.getPosts(channelId, 0, 50);
        check(posts.order.length === 50, 'a page of 50 posts');
    }));
    const shrug = summarize(await measure('Mattermost: /shrug', o.requests, o.warmup, async (i) => {
        await user.executeCommand(`/shrug benchmark ${i}`, {channel_id: channelId, team_id: stack.team.id} as CommandArgs);
    }));
    return {post, page, shrug};
}

/** The chat and REST doors on one channel list of `size` todos. */
async function sizeScenario(user: Client4, api: TodoApi, stack: StackState, channelId: string, size: number, o: Options): Promise<Record<string, Summary>> {
    const label = `${fmt(size)} todos`;
    const args = {channel_id: channelId, team_id: stack.team.id} as CommandArgs;
    const list = summarize(await measure(`/todo list, ${label}`, o.requests, o.warmup, async () => {
        const answer = await user.executeCommand('/todo list', args);
        check((answer.text ?? '').includes('Seeded todo'), '/todo list shows todos');
    }));
    const page50 = summarize(await measure(`REST page of 50, ${label}`, o.requests, o.warmup, async () => {
        const page = await api.listChannel(channelId, {limit: 50});
        check(page.todos.length === Math.min(50, size), 'a page of 50 todos');
    }));
    const page200 = summarize(await measure(`REST page of 200, ${label}`, o.requests, o.warmup, async () => {
        const page = await api.listChannel(channelId, {limit: 200});
        check(page.todos.length === Math.min(200, size), 'a page of 200 todos');
    }));
    const chatAdd = summarize(await measure(`/todo add, ${label}`, o.requests, o.warmup, async (i) => {
        const answer = await user.executeCommand(`/todo add benchmark chat add ${i}`, args);
        check((answer.text ?? '').includes('benchmark chat add'), '/todo add answers with the todo');
    }));
    let last: Todo | undefined;
    const add = summarize(await measure(`REST add, ${label}`, o.requests, o.warmup, async (i) => {
        const todo = await api.addToChannel(channelId, {text: `benchmark add ${i}`});
        check(last === undefined || todo.number === last.number + 1, 'adds get consecutive numbers');
        last = todo;
    }));
    return {list, page50, page200, chatAdd, add};
}

/**
 * "Mine" over `channels` channels, each with one todo assigned to user1. With `beside`, a list
 * of 1,000 todos, REST mine is measured in turn with that list's REST page of 50, request by
 * request, and that page is returned too: the target compares the two at the same moments.
 */
async function mineScenario(user: Client4, api: TodoApi, stack: StackState, channels: number, o: Options, beside?: string): Promise<{mine: Summary; chat: Summary; page?: Summary}> {
    const shown = Math.min(50, channels);
    const mineOp = {
        name: `REST mine, first page of 50, over ${fmt(channels)} channels`,
        op: async () => {
            const page = await api.mine({limit: 50});
            check(page.todos.length === shown, `mine shows ${shown} todos`);
        },
    };
    const ops = [mineOp];
    if (beside) {
        ops.push({
            name: `REST page of 50, 1,000 todos, in turn with REST mine over ${fmt(channels)} channels`,
            op: async () => {
                const page = await api.listChannel(beside, {limit: 50});
                check(page.todos.length === 50, 'a page of 50 todos');
            },
        });
    }
    const [mine, page] = (await measureInTurn(o.requests, o.warmup, ops)).map(summarize);
    const chat = summarize(await measure(`/todo mine, over ${fmt(channels)} channels`, o.requests, o.warmup, async () => {
        const answer = await user.executeCommand('/todo mine', {channel_id: stack.channels.public.id, team_id: stack.team.id} as CommandArgs);
        check((answer.text ?? '').includes('Seeded todo for mine'), '/todo mine shows todos');
    }));
    return {mine, chat, page};
}

/** 64 writers adding to one list at once for `seconds`; then checks that nothing was lost. */
async function concurrencyScenario(api: TodoApi, stack: StackState, channelId: string, writers: number, seconds: number): Promise<{summary: Summary; line: string}> {
    const samples: number[] = [];
    const errors = new Map<string, number>();
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(Array.from({length: writers}, async (_, w) => {
        for (let i = 0; performance.now() < end; i++) {
            const start = performance.now();
            try {
                await api.addToChannel(channelId, {text: `writer ${w} add ${i}`});
                samples.push(performance.now() - start);
            } catch (err) {
                const key = err instanceof Error ? err.message.slice(0, 120) : String(err);
                errors.set(key, (errors.get(key) ?? 0) + 1);
            }
        }
    }));
    const elapsed = (performance.now() - started) / 1000;
    const totals = listTotals(stack.database, channelId);
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    check(totals.todos === samples.length, `every acknowledged add is stored (${samples.length} acknowledged, ${totals.todos} stored)`);
    check(totals.distinctNumbers === totals.todos && totals.openCount === totals.todos, 'numbers are distinct and the counters agree');
    const summary = summarize({name: `REST add, ${writers} writers at once on one list for ${seconds} s`, samples});
    const line = `${writers} writers × ${seconds} s: ${samples.length} adds in ${elapsed.toFixed(1)} s = ${(samples.length / elapsed).toFixed(0)} adds/s, ` +
        `p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms, ${errorCount} errors${errorCount ? ` (${[...errors].map(([k, v]) => `${v}× ${k}`).join('; ')})` : ''}, ` +
        `${totals.todos} stored with ${totals.distinctNumbers} distinct numbers: nothing lost or duplicated.`;
    return {summary, line};
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
        const user = clientFor(stack.user1, stack.siteURL);
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const rows: Summary[] = [];
        const ratios: Ratio[] = [];
        const notes: string[] = [];

        const activation = [];
        for (let i = 0; i < 3; i++) {
            activation.push(await activationMs(admin, stack.pluginId));
        }
        const pluginExe = `plugins/${stack.pluginId}/server/dist/plugin-`;
        const pid = findProcess(stack.pid, pluginExe);
        check(pid !== undefined, 'the plugin process is found');
        const idleMiB = residentMiB(pid as number);
        notes.push(`Activation (disable, enable, until running), 3 times: ${activation.map((a) => `${a.toFixed(0)} ms`).join(', ')}.`);

        log('floor: Mattermost\'s own requests');
        const posts = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'floor');
        const floor = await floorScenario(user, stack, posts.id, o);
        rows.push(floor.post, floor.page, floor.shrug);

        const big = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'bench');
        let page50At1000: Summary | undefined;
        for (const target of [10, 1_000, 10_000, 100_000]) {
            // Top the list up to the target: it holds the previous round's todos and adds.
            const add = target - listCounters(stack.database, big.id).todos;
            if (add > 0) {
                const seedStart = Date.now();
                growChannelList(stack.database, {channelId: big.id, count: add, creatorId: stack.user2.id, salt: `big${target}`});
                analyze(stack.database);
                log(`seeded ${add} todos in ${((Date.now() - seedStart) / 1000).toFixed(1)}s`);
            }
            const r = await sizeScenario(user, api, stack, big.id, target, o);
            rows.push(r.list, r.page50, r.page200, r.chatAdd, r.add);
            const label = fmt(target);
            ratios.push({name: `/todo list ÷ /shrug, ${label} todos`, value: r.list.p50 / floor.shrug.p50, target: 1.5});
            ratios.push({name: `/todo add ÷ /shrug, ${label} todos`, value: r.chatAdd.p50 / floor.shrug.p50, target: 1.2});
            ratios.push({name: `REST page of 50 ÷ Mattermost's page of 50 posts, ${label} todos`, value: r.page50.p50 / floor.page.p50, target: 1.3});
            ratios.push({name: `REST page of 200 ÷ Mattermost's page of 50 posts, ${label} todos`, value: r.page200.p50 / floor.page.p50, target: 1.5});
            if (target === 1_000) {
                page50At1000 = r.page50;
            }
        }

        // A list of 1,000 todos beside "mine", whose page of 50 is measured in turn with it.
        const beside = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'beside');
        growChannelList(stack.database, {channelId: beside.id, count: 1_000, creatorId: stack.user2.id, salt: 'beside'});
        let made: string[] = [];
        for (const channels of [10, 100, 1_000]) {
            log(`creating channels for mine: ${channels}`);
            const fresh: string[] = [];
            while (made.length + fresh.length < channels) {
                fresh.push((await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'mine')).id);
            }
            seedAssignedAcross(stack.database, {channelIds: fresh, creatorId: stack.user2.id, assigneeId: stack.user1.id, salt: `mine${channels}`});
            analyze(stack.database);
            made = [...made, ...fresh];
            const r = await mineScenario(user, api, stack, channels, o, channels === 1_000 ? beside.id : undefined);
            rows.push(r.mine, ...(r.page ? [r.page] : []), r.chat);
            if (r.page) {
                ratios.push({name: 'REST mine over 1,000 channels ÷ REST page of 50 (1,000 todos), in turn', value: r.mine.p50 / r.page.p50, target: 1.5});
                if (page50At1000) {
                    notes.push(`REST mine over 1,000 channels ÷ the page of 50 of the 1,000-todo round, measured minutes earlier on a smaller database: ${(r.mine.p50 / page50At1000.p50).toFixed(2)}×.`);
                }
            }
        }

        log('64 writers for 30 s');
        const busy = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'busy');
        const burst = await concurrencyScenario(api, stack, busy.id, 64, 30);
        rows.push(burst.summary);
        notes.push(burst.line);
        const pidAfter = findProcess(stack.pid, pluginExe);
        const loadedMiB = pidAfter === undefined ? NaN : residentMiB(pidAfter);
        const restarted = pidAfter === pid ? '' : ` The plugin process was restarted during the run (pid ${pid} → ${pidAfter ?? 'none'}): see the server log.`;
        notes.push(`Plugin process resident memory (VmRSS): ${idleMiB.toFixed(1)} MiB at idle after activation, ${loadedMiB.toFixed(1)} MiB after the load.${restarted}`);
        if (restarted) {
            failed = true; // keeps the run directory and its mattermost.log
        }

        const report = [
            `Mattermost ${stack.serverVersion} (${stack.mattermostVersion}), plugin ${stack.pluginId} ${stack.pluginVersion}`,
            `Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
            `Requests: ${o.requests} measured after ${o.warmup} warm-up, one at a time, as user1 with a token; times are client-side wall times.`,
            '',
            markdownTable(rows),
            '',
            ratioTable(ratios),
            '',
            ...notes.map((n) => `- ${n}`),
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
