// Book-keeping for test runs: each jest run gets its own directory under e2e/.run/test/ and its
// own database, so two runs (two engineers, or `make test` beside a manual run) never collide.
// A run killed before its teardown is cleaned up by the next run, by recorded process id.
import fs from 'node:fs';
import path from 'node:path';

import {isAlive, stopServer} from './mm_server';
import {stopPeersOf} from './peer_server';
import {stopInstancesOf} from './private_postgres';
import {runRoot} from './paths';
import {dropDatabase} from './postgres';

export const testRunsDir = path.join(runRoot, 'test');

/** Written before anything starts, so a crashed run can be cleaned up. */
export interface TestRun {
    runDir: string;
    database: string;
    /** The jest process that owns the run. */
    ownerPid: number;
}

declare global {
    // The run the global setup started, read by the global teardown (jest runs both in one
    // process and shares globalThis between them).
    var channelTodoTestRun: TestRun | undefined;
}

const runFileName = 'run.json';

export function newTestRun(): TestRun {
    const id = `${Date.now().toString(36)}_${process.pid}`;
    const run: TestRun = {runDir: path.join(testRunsDir, id), database: `channeltodo_e2e_${id}`, ownerPid: process.pid};
    fs.mkdirSync(run.runDir, {recursive: true});
    fs.writeFileSync(path.join(run.runDir, runFileName), `${JSON.stringify(run, null, 2)}\n`);
    return run;
}

/** Stops the run's server, its peers and its own PostgreSQL instances, drops its database and removes its directory (keeping the log). */
export async function finishTestRun(run: TestRun, keepDir = false): Promise<void> {
    try {
        await stopPeersOf(run.runDir);
        await stopServer(run.runDir);
        stopInstancesOf(run.runDir);
    } finally {
        dropDatabase(run.database);
        const log = path.join(run.runDir, 'mattermost.log');
        if (fs.existsSync(log)) {
            fs.copyFileSync(log, path.join(testRunsDir, 'last-mattermost.log'));
        }
        if (!keepDir) {
            fs.rmSync(run.runDir, {recursive: true, force: true});
        }
    }
}

/** Cleans up runs whose owning process is gone (killed before its teardown ran). */
export async function reapAbandonedRuns(log: (line: string) => void): Promise<void> {
    if (!fs.existsSync(testRunsDir)) {
        return;
    }
    for (const entry of fs.readdirSync(testRunsDir)) {
        const file = path.join(testRunsDir, entry, runFileName);
        let run: TestRun;
        try {
            run = JSON.parse(fs.readFileSync(file, 'utf8')) as TestRun;
        } catch {
            continue;
        }
        if (run.ownerPid === process.pid || isAlive(run.ownerPid)) {
            continue;
        }
        log(`cleaning up abandoned test run ${entry}`);
        try {
            await finishTestRun(run);
        } catch (err) {
            log(`could not clean up ${entry}: ${err instanceof Error ? err.message : String(err)}`);
        }
    }
}
