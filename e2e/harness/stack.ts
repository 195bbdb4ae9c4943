// The running stack as tests see it: written by the jest global setup (or `make server`),
// read by tests with loadStack(). Keep this interface stable: browser tests build on it.
import fs from 'node:fs';

import {Client4} from '@mattermost/client';

/** A seeded user and a session token for it. */
export interface Login {
    id: string;
    username: string;
    password: string;
    token: string;
}

/** A channel or team reference. */
export interface Named {
    id: string;
    name: string;
}

/** Everything a test needs to drive the real server. */
export interface Stack {
    /** e.g. http://127.0.0.1:8065 */
    siteURL: string;
    /** The first user, a system admin. */
    admin: Login;
    /** Member of the team, the public and the private channel. */
    user1: Login;
    /** Member of the team and the public channel only. */
    user2: Login;
    team: Named;
    channels: {town: Named; public: Named; private: Named};
    /** The plugin's bot user (username `todo`). */
    botUserId: string;
}

/** Where the harness records what it started; not part of the stable test API. */
export interface StackState extends Stack {
    pluginId: string;
    pluginVersion: string;
    /** The bundle file that was uploaded. */
    bundle: string;
    /** The pinned github.com/mattermost/mattermost/server/v8 version. */
    mattermostVersion: string;
    /** The release the server reports, e.g. 11.4.0. */
    serverVersion: string;
    pid: number;
    runDir: string;
    logFile: string;
    socketPath: string;
    database: string;
}

/** Reads the stack the global setup started (its file is named by CHANNEL_TODO_STACK_FILE). */
export function loadStack(): Stack {
    return loadState();
}

/** Reads a stack file: by default the one named by CHANNEL_TODO_STACK_FILE. */
export function loadState(file: string | undefined = process.env.CHANNEL_TODO_STACK_FILE): StackState {
    if (!file) {
        throw new Error('CHANNEL_TODO_STACK_FILE is not set: run the tests through jest (npm test -w e2e), whose global setup starts the stack');
    }
    let text: string;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch {
        throw new Error(`no stack state at ${file}; is the stack running?`);
    }
    return JSON.parse(text) as StackState;
}

/** A @mattermost/client Client4 for the stack's server, authenticated with the login's token. */
export function clientFor(login: Login, siteURL: string = loadStack().siteURL): Client4 {
    const client = new Client4();
    client.setUrl(siteURL);
    client.setToken(login.token);
    client.setIncludeCookies(false);
    return client;
}

/** An unauthenticated client for the stack's server. */
export function anonymousClient(siteURL: string): Client4 {
    const client = new Client4();
    client.setUrl(siteURL);
    client.setIncludeCookies(false);
    return client;
}
