// `make soak`'s held load (issue 14.5): a server of its own on a fresh database, 64 writers and
// 64 readers for 5 minutes (flags change them), then a table of the figures. Exits non-zero when
// a request failed, an acknowledged add is missing or doubled, a list's counters disagree, or
// the database connections went past Mattermost's pool. CHANNEL_TODO_KEEP_RUN=1 keeps the run
// directory (config, server log) afterwards.
//
//   npx tsx e2e/soak/soak.ts [--writers 64] [--readers 64] [--seconds 300] [--lists 4] [--memory-every SECONDS]
//
// Under `make soak` (run_soak.ts) the figures also go to CHANNEL_TODO_FIGURES for its table.
import fs from 'node:fs';
import path from 'node:path';

import {recordFigure} from '../harness/figures';
import {maxOpenConns} from '../harness/mm_server';
import {runRoot} from '../harness/paths';
import {startStack, stopStack} from '../harness/run';
import {createScratchChannel} from '../harness/scratch_channel';
import {clientFor} from '../harness/stack';

import {allowedGrowthMiB, formatReport, memoryVerdict, runLoad} from './load';

function flag(args: string[], name: string, fallback: number): number {
    const i = args.indexOf(`--${name}`);
    if (i < 0) {
        return fallback;
    }
    const value = Number(args[i + 1]);
    if (!Number.isInteger(value) || value < 0) {
        throw new Error(`--${name} needs a whole number, got ${args[i + 1]}`);
    }
    return value;
}

function log(line: string): void {
    process.stderr.write(`[soak] ${line}\n`);
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const writers = flag(args, 'writers', 64);
    const readers = flag(args, 'readers', 64);
    const seconds = flag(args, 'seconds', 300);
    const lists = flag(args, 'lists', 4);
    const memoryEvery = flag(args, 'memory-every', 0);
    const stamp = new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14);
    const runDir = path.join(runRoot, 'soak', stamp);
    const database = `channeltodo_soak_${stamp}`;
    const stack = await startStack({runDir, database, freshDatabase: true, log});
    let failed: string[] = [];
    try {
        const admin = clientFor(stack.admin, stack.siteURL);
        const channelIds: string[] = [];
        for (let i = 0; i < lists; i++) {
            channelIds.push((await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], `soak-${i}`)).id);
        }
        log(`${writers} writers + ${readers} readers for ${seconds} s on ${stack.siteURL}`);
        const opts = {writers, readers, seconds, channelIds, memoryEvery};
        const report = await runLoad(stack, opts, maxOpenConns);
        const table = formatReport(opts, report);
        process.stdout.write(`${table}\n`);
        const memory = memoryVerdict(report.pluginMemory, seconds);
        const errorCount = [...report.errors.values()].reduce((a, b) => a + b, 0);
        const mib = (x: number) => x.toFixed(1);
        recordFigure('load table', table, false);
        recordFigure('load', `${report.requests} requests (${Math.round(report.requests / seconds)}/s), ${errorCount} errors; ` +
            `${report.acknowledgedAdds} adds acknowledged, ${report.lost.length} lost or doubled, ${report.inconsistent.length} lists' counters disagree; ` +
            `at most ${report.maxConnections} database connections (cap ${report.connectionCap}); ` +
            `plugin memory ${mib(report.pluginMemory[0].mib)} MiB before, median ${mib(memory.first)} in the first half after warm-up, ${mib(memory.last)} in the last: ` +
            `${memory.ok ? 'no growth' : 'GROWTH'} (${memory.growth >= 0 ? '+' : ''}${mib(memory.growth)} MiB, at most +${allowedGrowthMiB} allowed)`, false);
        failed = [
            ...(report.errors.size ? ['some requests failed'] : []),
            ...(report.lost.length ? [`acknowledged adds lost or doubled: ${report.lost.slice(0, 5).join(', ')}`] : []),
            ...(report.inconsistent.length ? [`counters disagree: ${report.inconsistent.join('; ')}`] : []),
            ...(report.maxConnections > report.connectionCap ? ['database connections went past the cap'] : []),
            ...(memory.ok ? [] : [`the plugin's memory grew ${mib(memory.growth)} MiB in the last half of the run (median against the first half's)`]),
        ];
    } finally {
        await stopStack(runDir, database);
        if (process.env.CHANNEL_TODO_KEEP_RUN !== '1') {
            fs.rmSync(runDir, {recursive: true, force: true});
        }
    }
    if (failed.length) {
        throw new Error(failed.join('\n'));
    }
}

main().catch((err: unknown) => {
    process.stderr.write(`soak failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
