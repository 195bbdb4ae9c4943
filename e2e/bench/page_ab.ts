// A/B of the REST page of 200 between two plugin bundles on one server (issue 10): the bundles
// are installed in turn, several rounds each, and each round alternates, request by request,
// Mattermost's own page of 50 posts and the page of 200, so each ratio is taken against the
// floor of the same moment. It also reads the plugin process's CPU time (/proc) over the round's
// pages: on a loaded machine wall times wander, the CPU a request costs much less. Not a test:
// it prints medians, ratios and the load average. Results go in docs/BENCHMARKS.md.
//
//   npx tsx e2e/bench/page_ab.ts --a old.tar.gz --b new.tar.gz [--rounds 3] [--requests 60]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Post} from '@mattermost/types/posts';

import {runRoot} from '../harness/paths';
import {installPlugin} from '../harness/plugin';
import {startStack, stopStack} from '../harness/run';
import {createScratchChannel} from '../harness/scratch_channel';
import {clientFor} from '../harness/stack';
import {TodoApi} from '../harness/todo_api';

import {analyze, growChannelList, listCounters} from './seed_sql';
import {findProcess} from './plugin_process';

function arg(name: string, fallback?: string): string {
    const i = process.argv.indexOf(`--${name}`);
    const v = i >= 0 ? process.argv[i + 1] : fallback;
    if (v === undefined) {
        throw new Error(`--${name} is required`);
    }
    return v;
}

function log(line: string): void {
    process.stderr.write(`[page-ab] ${line}\n`);
}

/** User plus system CPU time of a process in milliseconds (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor((s.length - 1) / 2)];
};

async function main(): Promise<void> {
    const bundles = {A: path.resolve(arg('a')), B: path.resolve(arg('b'))};
    const rounds = Number(arg('rounds', '3'));
    const requests = Number(arg('requests', '40'));
    const warmup = 10;
    const stamp = new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14);
    const runDir = path.join(runRoot, 'bench', `ab${stamp}`);
    const database = `channeltodo_ab_${stamp}`;
    const stack = await startStack({runDir, database, freshDatabase: true, bundle: bundles.A, log});
    let done = false;
    try {
        const admin = clientFor(stack.admin, stack.siteURL);
        const user = clientFor(stack.user1, stack.siteURL);
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const posts = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'floor');
        for (let i = 0; i < 60; i++) {
            await user.createPost({channel_id: posts.id, message: `benchmark post ${i}`} as Post);
        }
        const big = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'bench');
        const lines = ['| todos | bundle | round | floor p50 | page of 200 p50 | ratio | plugin CPU per page | load (1 min) |', '|---:|---|---:|---:|---:|---:|---:|---:|'];
        const summary: string[] = [];
        for (const size of [1_000, 10_000, 100_000]) {
            const add = size - listCounters(stack.database, big.id).todos;
            if (add > 0) {
                growChannelList(stack.database, {channelId: big.id, count: add, creatorId: stack.user2.id, salt: `ab${size}`});
                analyze(stack.database);
            }
            const ratios: Record<string, number[]> = {A: [], B: []};
            const cpus: Record<string, number[]> = {A: [], B: []};
            for (let round = 1; round <= rounds; round++) {
                for (const name of ['A', 'B'] as const) {
                    await installPlugin(admin, bundles[name], stack.logFile);
                    const pid = findProcess(stack.pid, `plugins/${stack.pluginId}/server/dist/plugin-`);
                    if (pid === undefined) {
                        throw new Error('the plugin process is not found');
                    }
                    const floor: number[] = [];
                    const page: number[] = [];
                    let cpu = 0;
                    for (let i = -warmup; i < requests; i++) {
                        let start = performance.now();
                        await user.getPosts(posts.id, 0, 50);
                        const floorMs = performance.now() - start;
                        const cpuBefore = cpuMs(pid);
                        start = performance.now();
                        const p = await api.listChannel(big.id, {limit: 200});
                        const pageMs = performance.now() - start;
                        if (p.todos.length !== 200) {
                            throw new Error(`page of ${p.todos.length}`);
                        }
                        if (i >= 0) {
                            floor.push(floorMs);
                            page.push(pageMs);
                            cpu += cpuMs(pid) - cpuBefore;
                        }
                    }
                    const load = os.loadavg()[0];
                    const ratio = median(page) / median(floor);
                    ratios[name].push(ratio);
                    cpus[name].push(cpu / requests);
                    lines.push(`| ${size} | ${name} | ${round} | ${median(floor).toFixed(1)} | ${median(page).toFixed(1)} | ${ratio.toFixed(2)} | ${(cpu / requests).toFixed(2)} ms | ${load.toFixed(1)} |`);
                    log(lines[lines.length - 1]);
                }
            }
            summary.push(`${size} todos: median ratio A ${median(ratios.A).toFixed(2)}×, B ${median(ratios.B).toFixed(2)}×; ` +
                `plugin CPU per page A ${median(cpus.A).toFixed(2)} ms, B ${median(cpus.B).toFixed(2)} ms`);
        }
        process.stdout.write(`${lines.join('\n')}\n\n${summary.map((s) => `- ${s}`).join('\n')}\n`);
        done = true;
    } finally {
        await stopStack(runDir, database);
        if (done) {
            fs.rmSync(runDir, {recursive: true, force: true}); // kept, with its log, when the run failed
        }
    }
}

main().catch((err: unknown) => {
    log(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exitCode = 1;
});
