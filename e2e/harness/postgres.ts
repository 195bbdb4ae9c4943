// PostgreSQL for the Mattermost server under test: use the one on 127.0.0.1:5432 when it
// answers, otherwise install Debian's `postgresql`, start it and allow trust logins on loopback.
// Databases are created and dropped with psql, which ships with the server package.
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** How to reach PostgreSQL; overridable for machines where it lives elsewhere. */
export interface PgTarget {
    host: string;
    port: number;
    user: string;
    password?: string;
}

export function pgTarget(): PgTarget {
    return {
        host: process.env.CHANNEL_TODO_PGHOST ?? '127.0.0.1',
        port: Number(process.env.CHANNEL_TODO_PGPORT ?? 5432),
        user: process.env.CHANNEL_TODO_PGUSER ?? 'postgres',
        password: process.env.CHANNEL_TODO_PGPASSWORD,
    };
}

/** The Mattermost SqlSettings.DataSource for a database. */
export function dataSource(database: string, target: PgTarget = pgTarget()): string {
    const auth = target.password ? `${encodeURIComponent(target.user)}:${encodeURIComponent(target.password)}` : encodeURIComponent(target.user);
    return `postgres://${auth}@${target.host}:${target.port}/${database}?sslmode=disable&connect_timeout=10`;
}

function psqlEnv(target: PgTarget): NodeJS.ProcessEnv {
    return target.password ? {...process.env, PGPASSWORD: target.password} : {...process.env};
}

/** Runs one SQL statement against the maintenance database and returns its unaligned output. */
export function psql(sql: string, target: PgTarget = pgTarget()): string {
    return execFileSync('psql', ['-h', target.host, '-p', String(target.port), '-U', target.user, '-d', 'postgres',
        '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-t', '-A', '-c', sql], {
        env: psqlEnv(target),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
}

function answers(target: PgTarget): boolean {
    const probe = spawnSync('psql', ['-h', target.host, '-p', String(target.port), '-U', target.user, '-d', 'postgres',
        '-X', '-t', '-A', '-c', 'select 1'], {env: psqlEnv(target), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
    return !probe.error && probe.status === 0 && probe.stdout.trim() === '1';
}

function hasPsql(): boolean {
    const probe = spawnSync('psql', ['--version'], {stdio: 'ignore'});
    return !probe.error && probe.status === 0;
}

function listening(target: PgTarget): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect(target.port, target.host);
        socket.setTimeout(2000);
        socket.once('connect', () => {
            socket.destroy();
            resolve(true);
        });
        socket.once('timeout', () => {
            socket.destroy();
            resolve(false);
        });
        socket.once('error', () => resolve(false));
    });
}

function run(cmd: string, args: string[], log: (line: string) => void): void {
    const asRoot = process.getuid?.() === 0;
    const [file, argv] = asRoot ? [cmd, args] : ['sudo', ['-n', cmd, ...args]];
    log(`$ ${file} ${argv.join(' ')}`);
    const result = spawnSync(file, argv, {stdio: ['ignore', 'inherit', 'inherit'], env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
    if (result.error || result.status !== 0) {
        throw new Error(`${cmd} ${args.join(' ')} failed (${result.error?.message ?? `status ${result.status}`})`);
    }
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

// Debian puts each cluster's config under /etc/postgresql/<version>/main.
const debianConfigRoot = '/etc/postgresql';

function installedVersions(): string[] {
    if (!fs.existsSync(debianConfigRoot)) {
        return [];
    }
    return fs.readdirSync(debianConfigRoot).filter((v) => fs.existsSync(path.join(debianConfigRoot, v, 'main'))).
        sort((a, b) => Number(b) - Number(a));
}

function allowLoopbackTrust(version: string, log: (line: string) => void): void {
    const hba = path.join(debianConfigRoot, version, 'main', 'pg_hba.conf');
    const current = fs.readFileSync(hba, 'utf8');
    const rule = 'host all all 127.0.0.1/32 trust';
    if (current.split('\n').some((line) => line.trim().replace(/\s+/g, ' ') === rule)) {
        return;
    }
    // pg_hba.conf is read top-down, first match wins: the trust rule must come first.
    log(`allowing trust logins from 127.0.0.1 in ${hba}`);
    fs.writeFileSync(hba, `# added by channel-todo e2e harness: test machine, loopback only\n${rule}\n${current}`);
}

/**
 * Makes sure PostgreSQL answers on the target. On a fresh Debian machine this installs and
 * starts the distribution's server (needs root or passwordless sudo).
 */
export async function ensurePostgres(log: (line: string) => void = console.log): Promise<PgTarget> {
    const target = pgTarget();
    if (answers(target)) {
        return target;
    }
    const loopback = target.host === '127.0.0.1' || target.host === 'localhost';
    if (!loopback || process.platform !== 'linux') {
        throw new Error(`PostgreSQL does not answer on ${target.host}:${target.port} as ${target.user}; start it or set CHANNEL_TODO_PG*`);
    }
    if (!hasPsql() && await listening(target)) {
        // A server runs (a container, say) but this machine lacks the client the harness uses.
        log('psql is missing; installing Debian\'s postgresql-client');
        run('apt-get', ['update'], log);
        run('apt-get', ['install', '-y', 'postgresql-client'], log);
        if (answers(target)) {
            return target;
        }
        throw new Error(`PostgreSQL listens on ${target.host}:${target.port} but does not let ${target.user} in without a password; set CHANNEL_TODO_PGPASSWORD`);
    }
    if (installedVersions().length === 0) {
        log('PostgreSQL is not installed; installing Debian\'s postgresql');
        run('apt-get', ['update'], log);
        run('apt-get', ['install', '-y', 'postgresql'], log);
    }
    const version = installedVersions()[0];
    if (!version) {
        throw new Error(`no PostgreSQL cluster found under ${debianConfigRoot} after installing`);
    }
    if (process.getuid?.() === 0) {
        allowLoopbackTrust(version, log);
    }
    const status = spawnSync('pg_ctlcluster', [version, 'main', 'status'], {stdio: 'ignore'});
    run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', status.status === 0 ? 'reload' : 'start'], log);
    for (let i = 0; i < 60; i++) {
        if (answers(target)) {
            return target;
        }
        await sleep(500);
    }
    throw new Error(`PostgreSQL ${version} was started but does not answer on ${target.host}:${target.port} as ${target.user}`);
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

function checkName(name: string): void {
    if (!identifier.test(name)) {
        throw new Error(`refusing database name ${JSON.stringify(name)}`);
    }
}

export function databaseExists(name: string, target: PgTarget = pgTarget()): boolean {
    checkName(name);
    return psql(`select 1 from pg_database where datname = '${name}'`, target) === '1';
}

export function createDatabase(name: string, target: PgTarget = pgTarget()): void {
    checkName(name);
    psql(`create database ${name}`, target);
}

/** Drops a database even while the (killed) server still has connections in it. */
export function dropDatabase(name: string, target: PgTarget = pgTarget()): void {
    checkName(name);
    psql(`drop database if exists ${name} with (force)`, target);
}

/** Runs a SQL script in one database, in one transaction, and returns its unaligned output. */
export function runSQL(database: string, script: string, target: PgTarget = pgTarget()): string {
    return execFileSync('psql', ['-h', target.host, '-p', String(target.port), '-U', target.user, '-d', database,
        '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-t', '-A', '-1', '-f', '-'], {
        input: script,
        env: psqlEnv(target),
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
        maxBuffer: 16 * 1024 * 1024,
    }).trim();
}
