// A/B of `/todo mine` between two plugin bundles on one server, for a user with 100,000 open
// assigned todos (issue 10): the bundles are installed in turn, several rounds each, and each
// round alternates, request by request, Mattermost's own `/shrug` and `/todo mine` through the
// commands API, so each ratio is taken against the floor of the same moment. It also reads the
// plugin process's CPU time (/proc) over the round's requests. Not a test: it prints medians,
// ratios and the load average. Results go in docs/BENCHMARKS.md.
//
//   npx tsx e2e/bench/mine_ab.ts --a old.tar.gz --b new.tar.gz [--rounds 3] [--requests 40] [--todos 100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {CommandArgs} from '@mattermost/types/integrations';

import {runRoot} from '../harness/paths';
import {installPlugin} from '../harness/plugin';
import {startStack, stopStack} from '../harness/run';
import {createScratchChannel} from '../harness/scratch_channel';
import {clientFor} from '../harness/stack';

import {analyze, growChannelList} from './seed_sql';
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
    process.stderr.write(`[mine-ab] ${line}\n`);
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
    const size = Number(arg('todos', '100000'));
    const warmup = 5;
    const stamp = new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14);
    const runDir = path.join(runRoot, 'bench', `mine${stamp}`);
    const database = `channeltodo_mine_${stamp}`;
    const stack = await startStack({runDir, database, freshDatabase: true, bundle: bundles.A, log});
    let done = false;
    try {
        const admin = clientFor(stack.admin, stack.siteURL);
        const user = clientFor(stack.user1, stack.siteURL);
        const big = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'mine');
        growChannelList(stack.database, {channelId: big.id, count: size, creatorId: stack.user2.id, assigneeId: stack.user1.id, salt: 'mineab'});
        analyze(stack.database);
        const args = {channel_id: big.id, team_id: stack.team.id} as CommandArgs;
        const lines = ['| bundle | round | /shrug p50 | /todo mine p50 | ratio | plugin CPU per /todo mine | load (1 min) | title |', '|---|---:|---:|---:|---:|---:|---:|---|'];
        const ratios: Record<string, number[]> = {A: [], B: []};
        const mines: Record<string, number[]> = {A: [], B: []};
        for (let round = 1; round <= rounds; round++) {
            for (const name of ['A', 'B'] as const) {
                await installPlugin(admin, bundles[name], stack.logFile);
                const pid = findProcess(stack.pid, `plugins/${stack.pluginId}/server/dist/plugin-`);
                if (pid === undefined) {
                    throw new Error('the plugin process is not found');
                }
                const floor: number[] = [];
                const mine: number[] = [];
                let cpu = 0;
                let title = '';
                for (let i = -warmup; i < requests; i++) {
                    let start = performance.now();
                    await user.executeCommand(`/shrug mine ${i}`, args);
                    const floorMs = performance.now() - start;
                    const cpuBefore = cpuMs(pid);
                    start = performance.now();
                    const answer = await user.executeCommand('/todo mine', args);
                    const mineMs = performance.now() - start;
                    const text = answer.text ?? '';
                    if (!text.includes('Seeded todo')) {
                        throw new Error(`/todo mine shows no todo: ${text.slice(0, 200)}`);
                    }
                    title = text.split('\n')[0].replace(/^#+ /, '');
                    if (i >= 0) {
                        floor.push(floorMs);
                        mine.push(mineMs);
                        cpu += cpuMs(pid) - cpuBefore;
                    }
                }
                const load = os.loadavg()[0];
                const ratio = median(mine) / median(floor);
                ratios[name].push(ratio);
                mines[name].push(median(mine));
                lines.push(`| ${name} | ${round} | ${median(floor).toFixed(1)} ms | ${median(mine).toFixed(1)} ms | ${ratio.toFixed(2)} | ${(cpu / requests).toFixed(2)} ms | ${load.toFixed(1)} | ${title} |`);
                log(lines[lines.length - 1]);
            }
        }
        const summary = `${size} assigned todos: /todo mine median A ${median(mines.A).toFixed(1)} ms (${median(ratios.A).toFixed(2)}× /shrug), ` +
            `B ${median(mines.B).toFixed(1)} ms (${median(ratios.B).toFixed(2)}× /shrug)`;
        process.stdout.write(`${lines.join('\n')}\n\n- ${summary}\n`);
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
