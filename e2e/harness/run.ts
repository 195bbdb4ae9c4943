// Brings a whole stack up (PostgreSQL, the pinned Mattermost, seed data, the plugin) and down.
// Used by the jest global setup/teardown (a fresh database per run) and by
// scripts/server.ts (`make server`: a persistent database and data directory).
import fs from 'node:fs';
import path from 'node:path';

import {ensureMattermost} from './mm_build';
import {logTail, startServer, stopServer, type RunningServer} from './mm_server';
import {stopPeersOf} from './peer_server';
import {findBundle, installPlugin} from './plugin';
import {createDatabase, dataSource, databaseExists, dropDatabase, ensurePostgres, type PgTarget} from './postgres';
import {describe, seed, statusOf} from './seed';
import {anonymousClient, type StackState} from './stack';

export interface StackOptions {
    /** Holds config.json, data, plugins, the server log, the pid file and stack.json. */
    runDir: string;
    /** PostgreSQL database name (lower-case letters, digits, underscores). */
    database: string;
    /** Drop and recreate the database first (tests) or keep it (`make server`). */
    freshDatabase: boolean;
    /** Port on 127.0.0.1; a free one when omitted. */
    port?: number;
    /** Keep the server running after this process exits. */
    detached?: boolean;
    /** Plugin bundle to install; findBundle() when omitted. */
    bundle?: string;
    /** Another PostgreSQL than the shared one (a test's own instance, private_postgres.ts). */
    pg?: PgTarget;
    /** Extra or overriding MM_* variables for the server (e.g. DataSourceReplicas). */
    env?: Record<string, string>;
    log?: (line: string) => void;
}

/** The plugin's bot username (plugin.json setting BotUsername, default `todo`). */
export const botUsername = 'todo';

export function stackFileIn(runDir: string): string {
    return path.join(runDir, 'stack.json');
}

/**
 * Starts everything and writes <runDir>/stack.json. On failure it stops what it started (and
 * drops a fresh database) before rethrowing, so callers never inherit a half-started stack.
 */
export async function startStack(opts: StackOptions): Promise<StackState> {
    const log = opts.log ?? console.log;
    const bundle = opts.bundle ?? findBundle();
    await ensurePostgres(log);
    const build = await ensureMattermost(log);

    if (opts.freshDatabase) {
        dropDatabase(opts.database, opts.pg);
    }
    if (!databaseExists(opts.database, opts.pg)) {
        createDatabase(opts.database, opts.pg);
    }

    fs.mkdirSync(opts.runDir, {recursive: true});
    let server;
    try {
        server = await startServer({build, runDir: opts.runDir, dataSource: dataSource(opts.database, opts.pg), port: opts.port, detached: opts.detached, env: opts.env});
    } catch (err) {
        if (opts.freshDatabase) {
            dropDatabase(opts.database, opts.pg);
        }
        throw err;
    }

    try {
        return await provision({...server, runDir: opts.runDir, database: opts.database, mattermostVersion: build.version, bundle});
    } catch (err) {
        await stopServer(opts.runDir, build.binary);
        if (opts.freshDatabase) {
            dropDatabase(opts.database, opts.pg);
        }
        throw err;
    }
}

/** A running server to provision. */
export interface ProvisionTarget extends RunningServer {
    runDir: string;
    database: string;
    /** The pinned server/v8 module version it was built from. */
    mattermostVersion: string;
    bundle: string;
}

/**
 * Seeds (idempotently), installs the bundle, finds the bot and writes <runDir>/stack.json.
 * Runs again on an already provisioned server to refresh tokens and the plugin.
 */
export async function provision(target: ProvisionTarget): Promise<StackState> {
    const seeded = await seed(target.siteURL);
    const admin = anonymousClient(target.siteURL);
    admin.setToken(seeded.admin.token);
    const manifest = await installPlugin(admin, target.bundle, target.logFile);

    let botUserId: string;
    try {
        const bot = await admin.getUserByUsername(botUsername);
        if (!bot.is_bot) {
            throw new Error(`user @${botUsername} exists but is not a bot`);
        }
        botUserId = bot.id;
    } catch (err) {
        const why = statusOf(err) === 404 ? `the plugin did not create the bot @${botUsername}` : describe(err);
        throw new Error(`${why}; last lines of ${target.logFile}:\n${logTail(target.logFile)}`);
    }

    const state: StackState = {
        ...seeded,
        botUserId,
        pluginId: manifest.id,
        pluginVersion: manifest.version,
        bundle: target.bundle,
        mattermostVersion: target.mattermostVersion,
        serverVersion: await serverVersion(target.siteURL),
        pid: target.pid,
        runDir: target.runDir,
        logFile: target.logFile,
        socketPath: target.socketPath,
        database: target.database,
    };
    fs.writeFileSync(stackFileIn(target.runDir), `${JSON.stringify(state, null, 2)}\n`);
    return state;
}

/** The release the server reports (X-Version-Id starts with it, e.g. 11.4.0). */
export async function serverVersion(siteURL: string): Promise<string> {
    const res = await fetch(`${siteURL}/api/v4/system/ping`);
    const id = res.headers.get('x-version-id') ?? '';
    return id.split('.').slice(0, 3).join('.');
}

/** Stops the server recorded in runDir and its peers and, when asked, drops its database. */
export async function stopStack(runDir: string, database?: string): Promise<boolean> {
    await stopPeersOf(runDir);
    const stopped = await stopServer(runDir);
    fs.rmSync(stackFileIn(runDir), {force: true});
    if (database) {
        dropDatabase(database);
    }
    return stopped;
}
