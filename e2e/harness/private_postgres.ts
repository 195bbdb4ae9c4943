// A PostgreSQL instance of a test's own, for what the machine's shared server must not suffer:
// a restart under load, and a streaming replica (issue 14.4 and 14.7). It runs Debian's
// PostgreSQL binaries (the version of the shared server, found with pg_config) from a data
// directory inside the test run's directory, on a free loopback port, as the `postgres` user
// when the harness runs as root (PostgreSQL refuses to run as root).
//
// The run's teardown stops every instance under <run dir>/postgres/ (stopInstancesOf), so a
// failing test leaves nothing running.
import {execFile, execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {freePort} from './mm_server';

/** A running instance. */
export interface PgInstance {
    name: string;
    dataDir: string;
    port: number;
    logFile: string;
}

/** Where a run directory's instances live. */
export function instancesDirOf(runDir: string): string {
    return path.join(runDir, 'postgres');
}

/** The directory of the PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup). */
export function pgBinDir(): string {
    if (process.env.CHANNEL_TODO_PG_BINDIR) {
        return process.env.CHANNEL_TODO_PG_BINDIR;
    }
    const probe = spawnSync('pg_config', ['--bindir'], {encoding: 'utf8'});
    const fromConfig = probe.status === 0 ? probe.stdout.trim() : '';
    if (fromConfig && fs.existsSync(path.join(fromConfig, 'initdb'))) {
        return fromConfig;
    }
    // Debian keeps the server binaries per major version and puts only wrappers on PATH.
    const root = '/usr/lib/postgresql';
    const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
    if (versions.length === 0) {
        throw new Error('no PostgreSQL server binaries (initdb) found: install Debian\'s postgresql (make deps) or set CHANNEL_TODO_PG_BINDIR');
    }
    return path.join(root, versions[0], 'bin');
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function pg(binary: string, args: string[]): string {
    const exe = path.join(pgBinDir(), binary);
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    try {
        return execFileSync(cmd, argv, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
    } catch (err) {
        const e = err as {stderr?: string; stdout?: string; message: string};
        throw new Error(`${binary} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
}

/** Makes a directory the postgres user owns (when we are root). */
function ownedDir(dir: string): void {
    fs.mkdirSync(path.dirname(dir), {recursive: true, mode: 0o755});
    fs.mkdirSync(dir, {mode: 0o700});
    if (asRoot) {
        execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    }
}

function settings(port: number, socketDir: string): string {
    // Loopback only, a socket in the instance's own directory, small and quick to stop.
    return `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir} -c max_connections=100 -c fsync=on`;
}

function start(instance: PgInstance): void {
    pg('pg_ctl', ['-D', instance.dataDir, '-l', instance.logFile, '-w', '-t', '60', '-o', settings(instance.port, path.dirname(instance.dataDir)), 'start']);
}

/** Creates and starts a fresh primary (trust authentication on loopback, replication allowed). */
export async function startPrimary(runDir: string, name = 'primary'): Promise<PgInstance> {
    const home = path.join(instancesDirOf(runDir), name);
    ownedDir(home);
    const instance: PgInstance = {name, dataDir: path.join(home, 'data'), port: await freePort(), logFile: path.join(home, 'postgres.log')};
    pg('initdb', ['-D', instance.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    start(instance);
    return instance;
}

/**
 * Creates and starts a streaming replica of a primary: pg_basebackup with -R writes the
 * standby.signal and the connection back to the primary; hot standby answers reads.
 */
export async function startReplica(runDir: string, primary: PgInstance, name = 'replica'): Promise<PgInstance> {
    const home = path.join(instancesDirOf(runDir), name);
    ownedDir(home);
    const instance: PgInstance = {name, dataDir: path.join(home, 'data'), port: await freePort(), logFile: path.join(home, 'postgres.log')};
    pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', instance.dataDir, '-R', '-X', 'stream', '--no-sync']);
    start(instance);
    return instance;
}

/**
 * Restarts an instance (fast shutdown: open connections are cut, as in a real restart) without
 * blocking the event loop, so requests keep going out meanwhile. `downMs` keeps it stopped a
 * while, as a restart of a busy server takes.
 */
export async function restartInstance(instance: PgInstance, downMs = 0): Promise<void> {
    await pgAsync('pg_ctl', ['-D', instance.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await pgAsync('pg_ctl', ['-D', instance.dataDir, '-l', instance.logFile, '-w', '-t', '60', '-o', settings(instance.port, path.dirname(instance.dataDir)), 'start']);
}

function pgAsync(binary: string, args: string[]): Promise<void> {
    const exe = path.join(pgBinDir(), binary);
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    return new Promise((resolve, reject) => {
        execFile(cmd, argv, (err, stdout, stderr) => {
            if (err) {
                reject(new Error(`${binary} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
            } else {
                resolve();
            }
        });
    });
}

/** Stops an instance if it runs. */
export function stopInstance(dataDir: string): void {
    if (!fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
        return;
    }
    pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '60', 'stop']);
}

/** Stops every instance of a run directory (teardown; nothing when there are none). */
export function stopInstancesOf(runDir: string): void {
    const dir = instancesDirOf(runDir);
    if (!fs.existsSync(dir)) {
        return;
    }
    for (const name of fs.readdirSync(dir)) {
        stopInstance(path.join(dir, name, 'data'));
    }
}

/** A DataSource for Mattermost on an instance. */
export function instanceDataSource(instance: PgInstance, database: string): string {
    return `postgres://postgres@127.0.0.1:${instance.port}/${database}?sslmode=disable&connect_timeout=10`;
}

/** Runs SQL on an instance (database `postgres` unless named) and returns unaligned output. */
export function instanceSQL(instance: PgInstance, sql: string, database = 'postgres'): string {
    return execFileSync('psql', ['-h', '127.0.0.1', '-p', String(instance.port), '-U', 'postgres', '-d', database,
        '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-t', '-A', '-c', sql], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim();
}
