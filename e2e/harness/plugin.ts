// Installs the plugin bundle the way an admin does: upload through the REST API, enable, and
// wait until Mattermost reports it running.
import fs from 'node:fs';
import path from 'node:path';

import type {Client4} from '@mattermost/client';
import type {PluginManifest, PluginStatus} from '@mattermost/types/plugins';

import {logTail} from './mm_server';
import {repoRoot} from './paths';
import {describe} from './seed';

/** The bundle to install: CHANNEL_TODO_BUNDLE, or the newest dist/channel-todo-*.tar.gz. */
export function findBundle(): string {
    const fromEnv = process.env.CHANNEL_TODO_BUNDLE;
    if (fromEnv) {
        const resolved = path.resolve(fromEnv);
        if (!fs.existsSync(resolved)) {
            throw new Error(`CHANNEL_TODO_BUNDLE=${fromEnv} does not exist`);
        }
        return resolved;
    }
    const distDir = path.join(repoRoot, 'dist');
    const candidates = fs.existsSync(distDir) ? fs.readdirSync(distDir).
        filter((f) => /^channel-todo-.*\.tar\.gz$/.test(f)).
        map((f) => path.join(distDir, f)).
        sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs) : [];
    if (candidates.length === 0) {
        throw new Error('no plugin bundle: run `make dist` (it writes dist/channel-todo-<version>.tar.gz) or set CHANNEL_TODO_BUNDLE');
    }
    return candidates[0];
}

// Values of model.PluginState (server/public/model/plugin_status.go).
export const PluginState = {
    NotRunning: 0,
    Starting: 1,
    Running: 2,
    FailedToStart: 3,
    FailedToStayRunning: 4,
    Stopping: 5,
} as const;

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Uploads (force: replaces an installed version), enables and waits for the plugin to run.
 * Throws with the tail of the server log when it fails to start or does not start in time.
 */
export async function installPlugin(admin: Client4, bundlePath: string, serverLog: string): Promise<PluginManifest> {
    const data = fs.readFileSync(bundlePath);
    let manifest: PluginManifest;
    try {
        manifest = await admin.uploadPlugin(new File([data], path.basename(bundlePath), {type: 'application/gzip'}), true);
    } catch (err) {
        throw new Error(`uploading ${bundlePath}: ${describe(err)}\nlast lines of ${serverLog}:\n${logTail(serverLog)}`);
    }
    try {
        await admin.enablePlugin(manifest.id);
    } catch (err) {
        throw new Error(`enabling ${manifest.id}: ${describe(err)}\nlast lines of ${serverLog}:\n${logTail(serverLog)}`);
    }

    const deadline = Date.now() + Number(process.env.CHANNEL_TODO_PLUGIN_START_TIMEOUT_MS ?? 60_000);
    // The server also reports an error string, which the published type does not declare.
    let last: (PluginStatus & {error?: string}) | undefined;
    while (Date.now() < deadline) {
        const statuses = await admin.getPluginStatuses();
        last = statuses.find((s) => s.plugin_id === manifest.id);
        if (last?.state === PluginState.Running) {
            return manifest;
        }
        if (last?.state === PluginState.FailedToStart || last?.state === PluginState.FailedToStayRunning) {
            break;
        }
        await sleep(250);
    }
    const state = last ? `state ${last.state}${last.error ? `: ${last.error}` : ''}` : 'no status reported';
    throw new Error(`plugin ${manifest.id} ${manifest.version} is not running (${state}); last lines of ${serverLog}:\n${logTail(serverLog, 80)}`);
}
