// A/B of the REST page of 200 between two plugin bundles on one server (issue 10): the bundles
// are installed in turn, several rounds each, and each round alternates, request by request,
// Mattermost's own page of 50 posts and the page of 200, so each ratio is taken against the
// floor of the same moment. It also reads the plugin process's CPU time (/proc) over the round's
// pages: on a loaded machine wall times wander, the CPU a request costs much less. Not a test:
// it prints medians, ratios and the load average. Results go in docs/BENCHMARKS.md. Usage below.
import os from 'node:os';

import type {Post} from '@mattermost/types/posts';

import {createScratchChannel} from '../harness/scratch_channel';
import {TodoApi} from '../harness/todo_api';

import {alternate, floorAndOp, median, runAB} from './ab';
import {analyze, growChannelList, listCounters} from './seed_sql';

const usage = 'npx tsx e2e/bench/page_ab.ts --a old.tar.gz --b new.tar.gz [--rounds 3] [--requests 40] [--keep-database]';

runAB({name: 'page', usage, warmup: 10}, async (ab) => {
    const {stack, admin, user} = ab;
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
        await alternate(ab, async (name, round, pid) => {
            const t = await floorAndOp(ab, pid, async () => {
                await user.getPosts(posts.id, 0, 50);
            }, async () => {
                const p = await api.listChannel(big.id, {limit: 200});
                if (p.todos.length !== 200) {
                    throw new Error(`page of ${p.todos.length}`);
                }
            });
            const load = os.loadavg()[0];
            const ratio = median(t.op) / median(t.floor);
            ratios[name].push(ratio);
            cpus[name].push(t.cpuPerOp);
            lines.push(`| ${size} | ${name} | ${round} | ${median(t.floor).toFixed(1)} | ${median(t.op).toFixed(1)} | ${ratio.toFixed(2)} | ${t.cpuPerOp.toFixed(2)} ms | ${load.toFixed(1)} |`);
            ab.log(lines[lines.length - 1]);
        });
        summary.push(`${size} todos: median ratio A ${median(ratios.A).toFixed(2)}×, B ${median(ratios.B).toFixed(2)}×; ` +
            `plugin CPU per page A ${median(cpus.A).toFixed(2)} ms, B ${median(cpus.B).toFixed(2)} ms`);
    }
    process.stdout.write(`${lines.join('\n')}\n\n${summary.map((s) => `- ${s}`).join('\n')}\n`);
});
