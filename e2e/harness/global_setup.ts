// Jest global setup: starts a fresh stack for this run and points the tests at it through
// CHANNEL_TODO_STACK_FILE. When that variable is already set (for example to the `make server`
// stack, e2e/.run/dev/stack.json), the tests run against that stack and nothing is started.
import {startStack, stackFileIn} from './run';
import {loadState} from './stack';
import {finishTestRun, newTestRun, reapAbandonedRuns} from './test_runs';

function log(line: string): void {
    process.stderr.write(`[e2e harness] ${line}\n`);
}

export default async function globalSetup(): Promise<void> {
    const existing = process.env.CHANNEL_TODO_STACK_FILE;
    if (existing) {
        const state = loadState(existing);
        const res = await fetch(`${state.siteURL}/api/v4/system/ping`).catch(() => undefined);
        if (!res?.ok) {
            throw new Error(`CHANNEL_TODO_STACK_FILE=${existing} names ${state.siteURL}, which does not answer`);
        }
        log(`using the running stack at ${state.siteURL} (${existing})`);
        return;
    }

    await reapAbandonedRuns(log);
    const run = newTestRun();
    globalThis.channelTodoTestRun = run;
    const started = Date.now();
    const state = await startStack({runDir: run.runDir, database: run.database, freshDatabase: true, log}).catch(async (err: unknown) => {
        // Jest skips the teardown when the setup fails: clean up here (the log is kept).
        globalThis.channelTodoTestRun = undefined;
        await finishTestRun(run);
        throw err;
    });
    process.env.CHANNEL_TODO_STACK_FILE = stackFileIn(run.runDir);
    stopOnSignals(state.pid);
    log(`Mattermost ${state.mattermostVersion} with ${state.pluginId} at ${state.siteURL} (pid ${state.pid}) ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

// Jest runs no teardown when it is interrupted or terminated. Ctrl-C reaches the server anyway
// (same process group), but a SIGTERM or SIGHUP sent to jest alone would orphan it: pass it on.
// The database and run directory are left to the next run's clean-up.
function stopOnSignals(pid: number): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        process.once(signal, () => {
            try {
                process.kill(pid, 'SIGTERM');
            } catch {
                // already gone
            }
            process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
        });
    }
}
