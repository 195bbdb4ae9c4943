// Starts and stops one Mattermost server process bound to loopback.
//
// Everything is configured through MM_* environment variables (they override config.json and
// are never written back to it); config.json in the run directory only has to exist. Each
// name below is a field of model.Config (server/public/model/config.go): MM_<SECTION>_<FIELD>.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import type {MattermostBuild} from './mm_build';

export interface ServerOptions {
    build: MattermostBuild;
    /** Directory that holds config.json, data/, plugins/, the log and the pid file. */
    runDir: string;
    /** SqlSettings.DataSource (see postgres.ts dataSource()). */
    dataSource: string;
    /** Port on 127.0.0.1; a free one when omitted. */
    port?: number;
    /** Leave the server running after this process exits (for `make server`). */
    detached?: boolean;
    /** Extra or overriding MM_* variables. */
    env?: Record<string, string>;
}

/** A started server. */
export interface RunningServer {
    pid: number;
    port: number;
    siteURL: string;
    /** The server's console output (stdout and stderr). */
    logFile: string;
    /** The local-mode socket (mmctl --local, `make deploy` without a token). */
    socketPath: string;
}

const pidFileName = 'mattermost.pid';
const logFileName = 'mattermost.log';

/** The server's console log in a run directory. */
export function logFileIn(runDir: string): string {
    return path.join(runDir, logFileName);
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.unref();
        probe.on('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const address = probe.address();
            probe.close(() => {
                if (address && typeof address === 'object') {
                    resolve(address.port);
                } else {
                    reject(new Error('could not get a free port'));
                }
            });
        });
    });
}

/** Is a TCP port on loopback free to bind? */
export function portIsFree(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const probe = net.createServer();
        probe.once('error', () => resolve(false));
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
}

/** The local-mode socket of a run directory. Unix socket paths are limited to ~108 bytes;
 * deep checkouts fall back to the temp dir. */
export function socketPathFor(runDir: string): string {
    const inRunDir = path.join(runDir, 'mattermost_local.socket');
    if (Buffer.byteLength(inRunDir) < 100) {
        return inRunDir;
    }
    return path.join(os.tmpdir(), `channel-todo-${Buffer.from(runDir).toString('base64url').slice(-24)}.socket`);
}

/**
 * SqlSettings.MaxOpenConns of every server the harness starts. PostgreSQL allows 100
 * connections by default; a test server that may open them all starves store tests or a second
 * run on the same machine ("too many clients"). The plugin's connections come from this pool.
 */
export const maxOpenConns = 40;

/** The MM_* environment for a server; exported so the README and tests can show it. */
export function serverEnv(opts: {runDir: string; dataSource: string; port: number; socketPath: string}): Record<string, string> {
    const siteURL = `http://127.0.0.1:${opts.port}`;
    const dir = (name: string): string => path.join(opts.runDir, name);
    return {
        MM_CONFIG: path.join(opts.runDir, 'config.json'),
        MM_SQLSETTINGS_DRIVERNAME: 'postgres',
        MM_SQLSETTINGS_DATASOURCE: opts.dataSource,
        MM_SQLSETTINGS_MAXOPENCONNS: String(maxOpenConns),
        MM_SQLSETTINGS_MAXIDLECONNS: '10',
        MM_SERVICESETTINGS_LISTENADDRESS: `127.0.0.1:${opts.port}`,
        MM_SERVICESETTINGS_SITEURL: siteURL,
        MM_SERVICESETTINGS_ENABLELOCALMODE: 'true',
        MM_SERVICESETTINGS_LOCALMODESOCKETLOCATION: opts.socketPath,
        MM_SERVICESETTINGS_ENABLEBOTACCOUNTCREATION: 'true',
        MM_SERVICESETTINGS_ENABLEUSERACCESSTOKENS: 'true',
        MM_SERVICESETTINGS_ENABLESECURITYFIXALERT: 'false',
        MM_SERVICESETTINGS_ENABLEONBOARDINGFLOW: 'false',
        MM_SERVICESETTINGS_ENABLELINKPREVIEWS: 'false',
        MM_TEAMSETTINGS_ENABLEOPENSERVER: 'true',
        MM_TEAMSETTINGS_MAXUSERSPERTEAM: '1000',
        MM_EMAILSETTINGS_REQUIREEMAILVERIFICATION: 'false',
        MM_EMAILSETTINGS_SENDEMAILNOTIFICATIONS: 'false',
        MM_EMAILSETTINGS_ENABLESIGNUPWITHEMAIL: 'true',
        MM_RATELIMITSETTINGS_ENABLE: 'false',
        MM_LOGSETTINGS_ENABLEDIAGNOSTICS: 'false',
        // The plugin looks for due reminders once a minute by default; tests wait for them.
        CHANNEL_TODO_REMINDER_TICK: process.env.CHANNEL_TODO_REMINDER_TICK ?? '2s',
        MM_LOGSETTINGS_ENABLESENTRY: 'false',
        MM_LOGSETTINGS_ENABLECONSOLE: 'true',
        MM_LOGSETTINGS_CONSOLELEVEL: process.env.CHANNEL_TODO_MM_LOG_LEVEL ?? 'INFO',
        MM_LOGSETTINGS_CONSOLEJSON: 'false',
        MM_LOGSETTINGS_ENABLEFILE: 'false',
        MM_LOGSETTINGS_FILELOCATION: dir('logs'),
        MM_METRICSSETTINGS_ENABLE: 'false',
        MM_FILESETTINGS_DIRECTORY: `${dir('data')}${path.sep}`,
        MM_PLUGINSETTINGS_ENABLE: 'true',
        MM_PLUGINSETTINGS_ENABLEUPLOADS: 'true',
        MM_PLUGINSETTINGS_REQUIREPLUGINSIGNATURE: 'false',
        MM_PLUGINSETTINGS_AUTOMATICPREPACKAGEDPLUGINS: 'false',
        MM_PLUGINSETTINGS_ENABLEMARKETPLACE: 'false',
        MM_PLUGINSETTINGS_ENABLEREMOTEMARKETPLACE: 'false',
        MM_PLUGINSETTINGS_DIRECTORY: dir('plugins'),
        MM_PLUGINSETTINGS_CLIENTDIRECTORY: dir(path.join('client', 'plugins')),
    };
}

/** The last lines of a server log, for error messages. */
export function logTail(logFile: string, lines = 60): string {
    try {
        const text = fs.readFileSync(logFile, 'utf8');
        return text.split('\n').slice(-lines - 1).join('\n');
    } catch {
        return `(no log at ${logFile})`;
    }
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Is a process with this id alive (and ours to signal)? */
export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** The pid recorded in a run directory, when its process still runs the given executable. */
export function recordedPid(runDir: string, binary?: string): number | undefined {
    let pid: number;
    try {
        pid = Number(fs.readFileSync(path.join(runDir, pidFileName), 'utf8').trim());
    } catch {
        return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || isZombie(pid)) {
        return undefined;
    }
    // Guard against a recycled pid: on Linux, check the process really is a Mattermost server.
    try {
        const exe = fs.readlinkSync(`/proc/${pid}/exe`);
        const expected = binary ? fs.realpathSync(binary) : undefined;
        if (expected ? exe !== expected : path.basename(exe) !== 'mattermost') {
            return undefined;
        }
    } catch {
        // No /proc (macOS): trust the pid file.
    }
    return pid;
}

async function ping(siteURL: string): Promise<boolean> {
    try {
        const res = await fetch(`${siteURL}/api/v4/system/ping`, {signal: AbortSignal.timeout(5000)});
        if (!res.ok) {
            return false;
        }
        const body = await res.json() as {status?: string};
        return body.status === 'OK';
    } catch {
        return false;
    }
}

/**
 * Starts the server and resolves once /api/v4/system/ping answers OK. Rejects with the log tail
 * when the process exits or does not answer in time (and stops it in the latter case).
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
    fs.mkdirSync(opts.runDir, {recursive: true});
    for (const d of ['data', 'plugins', path.join('client', 'plugins'), 'logs']) {
        fs.mkdirSync(path.join(opts.runDir, d), {recursive: true});
    }
    const configFile = path.join(opts.runDir, 'config.json');
    if (!fs.existsSync(configFile)) {
        // Defaults fill in the rest; the MM_* variables override whatever is stored.
        fs.writeFileSync(configFile, '{}\n');
    }
    const port = opts.port ?? await freePort();
    const socketPath = socketPathFor(opts.runDir);
    fs.rmSync(socketPath, {force: true});
    const siteURL = `http://127.0.0.1:${port}`;
    const logFile = logFileIn(opts.runDir);
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n===== channel-todo harness: starting Mattermost ${opts.build.version} on ${siteURL} at ${new Date().toISOString()}\n`);

    const child = spawn(opts.build.binary, ['server'], {
        cwd: opts.runDir,
        env: {...process.env, ...serverEnv({runDir: opts.runDir, dataSource: opts.dataSource, port, socketPath}), ...opts.env},
        stdio: ['ignore', out, out],
        detached: opts.detached ?? false,
    });
    fs.closeSync(out);
    if (child.pid === undefined) {
        throw new Error(`could not start ${opts.build.binary}`);
    }
    const pid = child.pid;
    fs.writeFileSync(path.join(opts.runDir, pidFileName), `${pid}\n`);
    let exited: string | undefined;
    child.on('exit', (code, signal) => {
        exited = signal ? `signal ${signal}` : `status ${code}`;
    });
    if (opts.detached) {
        child.unref();
    }

    // A cold start runs all database migrations; that is the slow part.
    const deadline = Date.now() + Number(process.env.CHANNEL_TODO_MM_START_TIMEOUT_MS ?? 180_000);
    while (Date.now() < deadline) {
        if (exited) {
            throw new Error(`Mattermost exited during start-up (${exited}); last lines of ${logFile}:\n${logTail(logFile)}`);
        }
        if (await ping(siteURL)) {
            return {pid, port, siteURL, logFile, socketPath};
        }
        await sleep(500);
    }
    await stopServer(opts.runDir);
    throw new Error(`Mattermost did not answer ${siteURL}/api/v4/system/ping in time; last lines of ${logFile}:\n${logTail(logFile)}`);
}

/**
 * Stops the server recorded in a run directory: SIGTERM (Mattermost shuts its plugins down),
 * then SIGKILL if it lingers. Returns false when no server was running.
 */
export async function stopServer(runDir: string, binary?: string): Promise<boolean> {
    const pid = recordedPid(runDir, binary);
    fs.rmSync(path.join(runDir, pidFileName), {force: true});
    if (pid === undefined) {
        return false;
    }
    await stopPid(pid);
    return true;
}

/** SIGTERM, wait up to graceMs, then SIGKILL; resolves once the process is gone. */
export async function stopPid(pid: number, graceMs = 20_000): Promise<void> {
    try {
        process.kill(pid, 'SIGTERM');
    } catch {
        return;
    }
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
        if (!isAlive(pid) || isZombie(pid)) {
            return;
        }
        await sleep(200);
    }
    try {
        process.kill(pid, 'SIGKILL');
    } catch {
        return;
    }
    for (let i = 0; i < 50 && isAlive(pid) && !isZombie(pid); i++) {
        await sleep(100);
    }
}

/** A child that exited but was not yet reaped by our own process still answers kill(pid, 0). */
export function isZombie(pid: number): boolean {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
    } catch {
        return false;
    }
}
