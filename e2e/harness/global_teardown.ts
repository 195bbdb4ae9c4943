// Jest global teardown: stops the server the setup started (by pid) and drops its database.
// Jest runs it whether or not the tests passed. CHANNEL_TODO_KEEP_RUN=1 keeps the run
// directory (config, data, log) for a post-mortem; the log is always copied to
// e2e/.run/test/last-mattermost.log.
import {finishTestRun} from './test_runs';

export default async function globalTeardown(): Promise<void> {
    const run = globalThis.channelTodoTestRun;
    if (!run) {
        return;
    }
    globalThis.channelTodoTestRun = undefined;
    delete process.env.CHANNEL_TODO_STACK_FILE;
    await finishTestRun(run, process.env.CHANNEL_TODO_KEEP_RUN === '1');
}
