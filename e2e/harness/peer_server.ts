// A second Mattermost server process beside a running stack: same PostgreSQL database, same file
// store, another port. This is how a high-availability deployment lays out its app servers, minus
// the cluster messaging, which needs an Enterprise licence (see docs/RELIABILITY.md):
//
// - the database is shared, so sessions, users, channels and the plugin's tables are the same
//   on both;
// - the file store (FileSettings.Directory) is shared: an uploaded plugin bundle lives there,
//   and each server extracts it into its own local plugins directory when it starts, as the
//   nodes of a cluster do;
// - the peer's config.json starts as a copy of the stack's (plugin enabled, its settings).
//   Without a cluster, a setting saved through one server's API changes that server only.
//
// Peers live in <stack run dir>/peers/<name>/, so the run's teardown stops them too
// (finishTestRun), whatever happened to the test that started them.
import fs from 'node:fs';
import path from 'node:path';

import {ensureMattermost} from './mm_build';
import {isAlive, isZombie, logTail, recordedPid, startServer, stopServer, type RunningServer} from './mm_server';
import {PluginState} from './plugin';
import {dataSource} from './postgres';
import {anonymousClient, type StackState} from './stack';

/** A peer server of a stack. */
export interface Peer extends RunningServer {
    name: string;
    runDir: string;
}

/** Where a stack's peers keep their run directories. */
export function peersDirOf(stackRunDir: string): string {
    return path.join(stackRunDir, 'peers');
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The MM_* settings a peer overrides so it shares the stack's file store. */
function sharedStoreEnv(stack: StackState): Record<string, string> {
    return {MM_FILESETTINGS_DIRECTORY: `${path.join(stack.runDir, 'data')}${path.sep}`};
}

/**
 * Starts (or restarts, keeping its run directory) a peer of the stack and waits until it
 * answers and runs the plugin. `port` keeps a restarted peer at its address.
 */
export async function startPeer(stack: StackState, name = 'peer', port?: number): Promise<Peer> {
    const runDir = path.join(peersDirOf(stack.runDir), name);
    fs.mkdirSync(runDir, {recursive: true});
    const config = path.join(runDir, 'config.json');
    if (!fs.existsSync(config)) {
        fs.copyFileSync(path.join(stack.runDir, 'config.json'), config);
    }
    const build = await ensureMattermost();
    const server = await startServer({build, runDir, dataSource: dataSource(stack.database), port, env: sharedStoreEnv(stack)});
    const peer = {...server, name, runDir};
    try {
        await waitForPlugin(peer, stack);
    } catch (err) {
        await stopPeer(peer);
        throw err;
    }
    return peer;
}

/** Waits until the server reports the plugin running. */
export async function waitForPlugin(server: {siteURL: string; logFile: string}, stack: StackState): Promise<void> {
    const admin = anonymousClient(server.siteURL);
    admin.setToken(stack.admin.token);
    const deadline = Date.now() + Number(process.env.CHANNEL_TODO_PLUGIN_START_TIMEOUT_MS ?? 60_000);
    let last = 'no status reported';
    while (Date.now() < deadline) {
        const status = (await admin.getPluginStatuses()).find((s) => s.plugin_id === stack.pluginId);
        if (status?.state === PluginState.Running) {
            return;
        }
        last = status ? `state ${status.state}` : last;
        if (status?.state === PluginState.FailedToStart || status?.state === PluginState.FailedToStayRunning) {
            break;
        }
        await sleep(250);
    }
    throw new Error(`${stack.pluginId} is not running on ${server.siteURL} (${last}); last lines of ${server.logFile}:\n${logTail(server.logFile, 80)}`);
}

/** Stops a peer: SIGTERM, SIGKILL if it lingers. */
export async function stopPeer(peer: Peer): Promise<void> {
    await stopServer(peer.runDir);
}

/**
 * Kills a peer with SIGKILL, as a crash or the OOM killer would: no shutdown, no plugin
 * deactivation. The plugin's own process loses its parent and exits when its RPC connection
 * breaks. Resolves once the server process is gone.
 */
export async function killPeer(peer: Peer): Promise<void> {
    const pid = recordedPid(peer.runDir);
    if (pid === undefined) {
        throw new Error(`peer ${peer.name} is not running`);
    }
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid) && !isZombie(pid)) {
        await sleep(50);
    }
}

/** Stops every peer of a stack run directory (teardown; a no-op when there are none). */
export async function stopPeersOf(stackRunDir: string): Promise<void> {
    const dir = peersDirOf(stackRunDir);
    if (!fs.existsSync(dir)) {
        return;
    }
    for (const name of fs.readdirSync(dir)) {
        await stopServer(path.join(dir, name));
    }
}
