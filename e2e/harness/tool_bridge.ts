// The command-line tool bridge as an admin sets it up and a client reads it: where the tool
// lives, the settings that turn it on, and the plugin's /tool routes that say whether a list is
// kept by it.
import fs from 'node:fs';
import path from 'node:path';

import {saveSettings} from './plugin_config';
import {clientFor, type Login, type Stack} from './stack';
import {apiBase} from './todo_api';

/** What GET or POST …/tool answers: the tool's list or the outcome of one of its commands. */
export type ToolBody = {
    active: boolean;
    preset?: string;
    ok: boolean;
    kind?: string;
    text: string;
    parsed: boolean;
    items: Array<{id: string; key: string; text: string; done: boolean}>;
    reply?: string;
    /** Whether the asker may delete from the list (the edit policy; tools record no creators). */
    can_delete?: boolean;
    error?: string;
    code?: string;
};

/** A command for the tool, as the sidebar sends it. */
export type ToolCommand = {verb: string; arg?: string};

/** The absolute path of a program on PATH, as an admin would enter it. */
export function findExecutable(name: string): string {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            return candidate;
        } catch {
            // not in this directory
        }
    }
    throw new Error(`${name} is not installed; make deps installs it (build/apt-packages.txt)`);
}

/** How an admin sets the bridge up. */
export type Bridge = {
    preset: string;
    /** Absolute path of the tool. */
    executable: string;
    /** Where the tool keeps one directory per list; the server must be able to write to it. */
    dataRoot: string;
    timeoutSeconds?: number;
    /** The channels the tool keeps (team/channel names or ids); empty means every list. */
    channels?: string;
};

/** The bridge's settings and REST routes on the stack's server. */
export class ToolBridge {
    constructor(private readonly stack: Stack) {}

    /** Calls one of the plugin's REST routes (below its API base) as a user and reads the JSON answer. */
    async call<T = ToolBody>(login: Login, method: string, route: string, body?: unknown): Promise<{status: number; body: T}> {
        const res = await fetch(`${this.stack.siteURL}${apiBase}${route}`, {
            method,
            headers: {'Authorization': `Bearer ${login.token}`, 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        return {status: res.status, body: await res.json() as T};
    }

    /** Reads a channel's tool list (GET) or runs a tool command on it (POST), as a user. */
    route(login: Login, channelId: string, method: 'GET' | 'POST', command?: ToolCommand): Promise<{status: number; body: ToolBody}> {
        return this.call(login, method, `/channels/${channelId}/tool`, command);
    }

    /**
     * Saves the bridge settings as the System Console does, then checks that the plugin keeps
     * the probe channel's list with the tool. The save has reached the plugin when it returns
     * (see plugin_config.ts), so this is checked once.
     */
    async use(bridge: Bridge, probeChannelId: string): Promise<void> {
        await saveSettings(clientFor(this.stack.admin, this.stack.siteURL), {
            bridgebackend: 'cli',
            bridgepreset: bridge.preset,
            bridgeexecutable: bridge.executable,
            bridgedataroot: bridge.dataRoot,
            bridgetimeoutseconds: bridge.timeoutSeconds ?? 30,
            bridgechannels: bridge.channels ?? '',
        });
        // Plain errors, not jest's expect: scripts (the screenshots) use this too.
        const res = await this.route(this.stack.admin, probeChannelId, 'GET');
        if (res.status !== 200 || !res.body.active || res.body.preset !== bridge.preset) {
            throw new Error(`the plugin does not keep the list with the tool: ${res.status} ${JSON.stringify(res.body)}`);
        }
    }
}
