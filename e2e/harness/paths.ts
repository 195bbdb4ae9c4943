// Where things live: computed from this file's location and env vars, never hard-coded.
import os from 'node:os';
import path from 'node:path';

/** The e2e workspace directory (e2e/). */
export const e2eDir = path.resolve(__dirname, '..');

/** The repository root. */
export const repoRoot = path.resolve(e2eDir, '..');

/** Git-ignored directory for run state, logs and server data. */
export const runRoot = path.join(e2eDir, '.run');

/** Cache shared between runs (and checkouts): the built Mattermost server lives here. */
export function cacheDir(): string {
    return process.env.CHANNEL_TODO_CACHE ?? path.join(os.homedir(), '.cache', 'channel-todo');
}

/** The wrapper Go module that pins the Mattermost server. */
export const mmModuleDir = path.join(e2eDir, 'mmserver');
