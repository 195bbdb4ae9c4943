// The plugin's own process on the benchmark's server: its memory, and how long the server takes
// to activate it. Read from /proc (Linux), so the numbers are the kernel's, not the plugin's.
import fs from 'node:fs';

import type {Client4} from '@mattermost/client';

import {PluginState} from '../harness/plugin';

/** The parent pid of a process, undefined when it is gone. */
function parentOf(pid: string): number | undefined {
    try {
        return Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    } catch {
        return undefined;
    }
}

/**
 * The pid of the child of `parentPid` (the benchmark's Mattermost server) whose executable path
 * contains `executablePart`, if any. Other servers on the machine run the same plugin, so the
 * parent is what picks ours.
 */
export function findProcess(parentPid: number, executablePart: string): number | undefined {
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry) || parentOf(entry) !== parentPid) {
            continue;
        }
        try {
            const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
            if (cmdline.split('\0')[0].includes(executablePart)) {
                return Number(entry);
            }
        } catch {
            // the process ended while we looked
        }
    }
    return undefined;
}

/** Resident memory of a process in MiB (VmRSS), NaN when it is gone. */
export function residentMiB(pid: number): number {
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
        return kb / 1024;
    } catch {
        return NaN;
    }
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Disables the plugin, enables it again and returns the milliseconds until the server reports it
 * running: process start, OnConfigurationChange, OnActivate (bot, migrations already applied,
 * command registration). Polls every 20 ms.
 */
export async function activationMs(admin: Client4, pluginId: string): Promise<number> {
    await admin.disablePlugin(pluginId);
    const start = performance.now();
    await admin.enablePlugin(pluginId);
    for (;;) {
        const status = (await admin.getPluginStatuses()).find((s) => s.plugin_id === pluginId);
        if (status?.state === PluginState.Running) {
            return performance.now() - start;
        }
        if (status?.state === PluginState.FailedToStart || status?.state === PluginState.FailedToStayRunning) {
            throw new Error(`${pluginId} failed to start again (state ${status.state})`);
        }
        if (performance.now() - start > 60_000) {
            throw new Error(`${pluginId} did not start again within 60 s`);
        }
        await sleep(20);
    }
}
