// What the A/B benchmarks (page_ab.ts, mine_ab.ts) share: one server started with bundle A, the
// two bundles installed in turn round after round, and in each round a request of Mattermost's
// own (the floor) alternating with the plugin's, so each ratio is taken against the floor of the
// same moment, with the plugin process's CPU time (/proc) read around the plugin's requests.
import fs from 'node:fs';
import path from 'node:path';

import type {Client4} from '@mattermost/client';

import {runRoot} from '../harness/paths';
import {installPlugin} from '../harness/plugin';
import {startStack, stopStack} from '../harness/run';
import {clientFor, type StackState} from '../harness/stack';

import {findProcess} from './plugin_process';

export type Bundle = 'A' | 'B';

/** The value after `--name` on the command line, else the fallback; throws when neither is there. */
export function arg(name: string, fallback?: string): string {
    const i = process.argv.indexOf(`--${name}`);
    const v = i >= 0 ? process.argv[i + 1] : fallback;
    if (v === undefined) {
        throw new Error(`--${name} is required`);
    }
    return v;
}

/** The median of samples; of an even count, the lower of the middle two. */
export function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor((s.length - 1) / 2)];
}

/** User plus system CPU time of a process in milliseconds (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** One A/B run's server and settings, as the benchmark's body gets them. */
export interface ABRun {
    stack: StackState;
    admin: Client4;

    /** user1, who sends the measured requests. */
    user: Client4;
    bundles: Record<Bundle, string>;
    rounds: number;

    /** Measured requests of each kind a round, after `warmup` unmeasured ones. */
    requests: number;
    warmup: number;
    log: (line: string) => void;
}

/** One round's samples of the floor and of the plugin's request, in ms, and the plugin's CPU per request. */
export interface FloorAndOp {
    floor: number[];
    op: number[];
    cpuPerOp: number;
}

/**
 * Installs A, then B, `rounds` times over, and after each install runs `round` with the bundle's
 * name, the round's number (from 1) and the plugin process's pid.
 */
export async function alternate(ab: ABRun, round: (name: Bundle, n: number, pid: number) => Promise<void>): Promise<void> {
    for (let n = 1; n <= ab.rounds; n++) {
        for (const name of ['A', 'B'] as const) {
            await installPlugin(ab.admin, ab.bundles[name], ab.stack.logFile);
            const pid = findProcess(ab.stack.pid, `plugins/${ab.stack.pluginId}/server/dist/plugin-`);
            if (pid === undefined) {
                throw new Error('the plugin process is not found');
            }
            await round(name, n, pid);
        }
    }
}

/**
 * Sends `floor` then `op`, `warmup` times unmeasured and then `requests` times measured (i counts
 * from -warmup), timing each and reading the plugin's CPU time around each `op`.
 */
export async function floorAndOp(ab: ABRun, pid: number, floor: (i: number) => Promise<void>, op: (i: number) => Promise<void>): Promise<FloorAndOp> {
    const out: FloorAndOp = {floor: [], op: [], cpuPerOp: 0};
    let cpu = 0;
    for (let i = -ab.warmup; i < ab.requests; i++) {
        let start = performance.now();
        await floor(i);
        const floorMs = performance.now() - start;
        const cpuBefore = cpuMs(pid);
        start = performance.now();
        await op(i);
        const opMs = performance.now() - start;
        if (i >= 0) {
            out.floor.push(floorMs);
            out.op.push(opMs);
            cpu += cpuMs(pid) - cpuBefore;
        }
    }
    out.cpuPerOp = cpu / ab.requests;
    return out;
}

export interface ABOptions {
    /** Names the log lines, the run directory and the database (lower-case letters). */
    name: string;

    /** The file's usage, printed for --help. */
    usage: string;

    /** Unmeasured requests of each kind at the start of a round. */
    warmup: number;
}

/**
 * Runs an A/B benchmark from the command line (--a, --b, --rounds, --requests, --keep-database,
 * --help): starts a server with a fresh database and bundle A, runs `body`, then stops the server
 * and drops the database. The run directory, with the server's log, is kept when the run failed.
 */
export function runAB(opts: ABOptions, body: (ab: ABRun) => Promise<void>): void {
    const log = (line: string) => {
        process.stderr.write(`[${opts.name}-ab] ${line}\n`);
    };
    if (process.argv.includes('--help')) {
        process.stdout.write(`${opts.usage}\n`);
        return;
    }
    const main = async () => {
        const bundles = {A: path.resolve(arg('a')), B: path.resolve(arg('b'))};
        const rounds = Number(arg('rounds', '3'));
        const requests = Number(arg('requests', '40'));
        const keepDatabase = process.argv.includes('--keep-database');
        const stamp = new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14);
        const runDir = path.join(runRoot, 'bench', `${opts.name}${stamp}`);
        const database = `channeltodo_${opts.name}_${stamp}`;
        const stack = await startStack({runDir, database, freshDatabase: true, bundle: bundles.A, log});
        let done = false;
        try {
            const admin = clientFor(stack.admin, stack.siteURL);
            const user = clientFor(stack.user1, stack.siteURL);
            await body({stack, admin, user, bundles, rounds, requests, warmup: opts.warmup, log});
            done = true;
        } finally {
            // --keep-database: left for EXPLAIN; drop it with dropdb when done.
            await stopStack(runDir, keepDatabase ? undefined : database);
            if (keepDatabase) {
                log(`database kept: ${database}`);
            }
            if (done) {
                fs.rmSync(runDir, {recursive: true, force: true});
            }
        }
    };
    main().catch((err: unknown) => {
        log(err instanceof Error ? err.stack ?? err.message : String(err));
        process.exitCode = 1;
    });
}
