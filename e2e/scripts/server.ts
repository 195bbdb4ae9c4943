// A persistent local Mattermost with the plugin installed, for trying the plugin by hand.
//
//   npx tsx e2e/scripts/server.ts start    # start (or refresh) it; prints URL and logins
//   npx tsx e2e/scripts/server.ts stop     # stop it (by pid file)
//   npx tsx e2e/scripts/server.ts status   # is it running?
//   npx tsx e2e/scripts/server.ts reset    # stop it and delete its database and data
//
// Data lives in e2e/.run/dev/ and the database `channeltodo_dev`, kept between starts. `start`
// on a running server re-seeds (idempotent) and re-uploads the newest bundle, so
// `make dist && make server` updates the plugin in place. Building the bundle is the Makefile's
// job. Beside the server it starts the browser host page (e2e/host/server.ts), which stands in
// for Mattermost's web client. Env: CHANNEL_TODO_DEV_PORT (8065), CHANNEL_TODO_HOST_PORT (8066),
// CHANNEL_TODO_DEV_DATABASE (channeltodo_dev), CHANNEL_TODO_BUNDLE (default: newest
// dist/channel-todo-*.tar.gz).
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {cachedBuild} from '../harness/mm_build';
import {isAlive, logFileIn, portIsFree, recordedPid, socketPathFor, stopPid, stopServer} from '../harness/mm_server';
import {e2eDir, repoRoot, runRoot} from '../harness/paths';
import {findBundle} from '../harness/plugin';
import {dropDatabase, ensurePostgres} from '../harness/postgres';
import {provision, stackFileIn, startStack} from '../harness/run';
import {people} from '../harness/seed';
import type {StackState} from '../harness/stack';

const runDir = path.join(runRoot, 'dev');
const database = process.env.CHANNEL_TODO_DEV_DATABASE ?? 'channeltodo_dev';
const port = Number(process.env.CHANNEL_TODO_DEV_PORT ?? 8065);
const hostPort = Number(process.env.CHANNEL_TODO_HOST_PORT ?? 8066);
const hostScript = path.join(e2eDir, 'host', 'server.ts');
const hostPidFile = path.join(runDir, 'host.pid');
const hostLogFile = path.join(runDir, 'host.log');
const hostURL = `http://127.0.0.1:${hostPort}/`;

function log(line: string): void {
    console.error(`[make server] ${line}`);
}

function rel(p: string): string {
    return path.relative(process.cwd(), p) || '.';
}

// The host page's pid, when the recorded process is still the host page server.
function hostPid(): number | undefined {
    let pid: number;
    try {
        pid = Number(fs.readFileSync(hostPidFile, 'utf8').trim());
    } catch {
        return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
        return undefined;
    }
    try {
        // Guard against a recycled pid (Linux); elsewhere trust the pid file.
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(hostScript)) {
            return undefined;
        }
    } catch {
        // no /proc
    }
    return pid;
}

async function answers(url: string): Promise<boolean> {
    try {
        const res = await fetch(url, {signal: AbortSignal.timeout(5000)});
        return res.ok;
    } catch {
        return false;
    }
}

/** Starts the host page server (detached) unless it already runs; returns its address or why not. */
async function startHostPage(siteURL: string): Promise<string> {
    if (!fs.existsSync(hostScript)) {
        return '(no e2e/host/server.ts in this checkout)';
    }
    if (hostPid() !== undefined && await answers(hostURL)) {
        return hostURL;
    }
    if (!await portIsFree(hostPort)) {
        return `(port ${hostPort} is taken; set CHANNEL_TODO_HOST_PORT)`;
    }
    const out = fs.openSync(hostLogFile, 'a');
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), hostScript, siteURL, '--port', String(hostPort)], {
        cwd: repoRoot,
        stdio: ['ignore', out, out],
        detached: true,
    });
    fs.closeSync(out);
    if (child.pid === undefined) {
        return `(the host page did not start; see ${rel(hostLogFile)})`;
    }
    fs.writeFileSync(hostPidFile, `${child.pid}\n`);
    let exited = false;
    child.on('exit', () => {
        exited = true;
    });
    child.unref();
    // It bundles the page with esbuild before listening.
    for (let i = 0; i < 240 && !exited; i++) {
        if (await answers(hostURL)) {
            return hostURL;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (!exited) {
        await stopPid(child.pid);
    }
    return `(the host page did not come up; see ${rel(hostLogFile)})`;
}

async function stopHostPage(): Promise<boolean> {
    const pid = hostPid();
    fs.rmSync(hostPidFile, {force: true});
    if (pid === undefined) {
        return false;
    }
    await stopPid(pid, 5000);
    return true;
}

function printStack(state: StackState, host: string): void {
    const hostLines = host.startsWith('http') ? [
        `  host page: ${host}   (stands in for Mattermost's web client; sign in with a login above)`,
        `    as user1 in ~${state.channels.public.name}: ${host}${state.team.name}/channels/${state.channels.public.name}?token=${state.user1.token}`,
        `    as user2 in ~${state.channels.public.name}: ${host}${state.team.name}/channels/${state.channels.public.name}?token=${state.user2.token}`,
    ] : [`  host page: ${host}`];
    const lines = [
        '',
        `Channel Todo ${state.pluginVersion} is running on Mattermost ${state.serverVersion} at ${state.siteURL}`,
        '',
        '  logins (username / password):',
        `    ${state.admin.username} / ${people.admin.password}   system admin`,
        `    ${state.user1.username} / ${people.user1.password}   member of ~${state.channels.public.name} and ~${state.channels.private.name}`,
        `    ${state.user2.username} / ${people.user2.password}   member of ~${state.channels.public.name}`,
        `  team: ${state.team.name}   channels: ~${state.channels.town.name}, ~${state.channels.public.name}, ~${state.channels.private.name} (private)`,
        '',
        ...hostLines,
        '',
        `  try it:  curl -s -H 'Authorization: Bearer ${state.user1.token}' -H 'Content-Type: application/json' \\`,
        `             -d '{"command":"/todo help","channel_id":"${state.channels.public.id}","team_id":"${state.team.id}"}' \\`,
        `             ${state.siteURL}/api/v4/commands/execute`,
        `  tokens, ids:  ${rel(stackFileIn(state.runDir))}   (tests can use it: CHANNEL_TODO_STACK_FILE=${stackFileIn(state.runDir)} npm test -w e2e)`,
        `  server log:   ${rel(state.logFile)}`,
        `  local mode:   mmctl --local (MMCTL_LOCAL_SOCKET_PATH=${state.socketPath})`,
        `  host log:     ${rel(hostLogFile)}`,
        '  stop:         make server-stop',
        '',
    ];
    console.log(lines.join('\n'));
}

async function start(): Promise<void> {
    const bundle = findBundle();
    log(`plugin bundle: ${rel(bundle)}`);
    const siteURL = `http://127.0.0.1:${port}`;
    const pid = recordedPid(runDir);
    let state: StackState;
    if (pid !== undefined && await answers(`${siteURL}/api/v4/system/ping`)) {
        log(`Mattermost already running (pid ${pid}); refreshing seed data and the plugin`);
        await ensurePostgres(log);
        const build = cachedBuild();
        state = await provision({
            pid,
            port,
            siteURL,
            logFile: logFileIn(runDir),
            socketPath: socketPathFor(runDir),
            runDir,
            database,
            mattermostVersion: build?.version ?? 'unknown',
            bundle,
        });
    } else {
        if (pid !== undefined) {
            log(`Mattermost (pid ${pid}) does not answer on ${siteURL}; restarting it`);
            await stopServer(runDir);
        }
        if (!await portIsFree(port)) {
            throw new Error(`port ${port} on 127.0.0.1 is taken by another program; set CHANNEL_TODO_DEV_PORT`);
        }
        state = await startStack({runDir, database, freshDatabase: false, port, detached: true, bundle, log});
    }
    printStack(state, await startHostPage(state.siteURL));
}

async function stop(): Promise<void> {
    if (await stopHostPage()) {
        log('host page stopped');
    }
    const stopped = await stopServer(runDir);
    fs.rmSync(stackFileIn(runDir), {force: true});
    log(stopped ? 'Mattermost stopped (data kept in e2e/.run/dev; `reset` deletes it)' : 'Mattermost was not running');
}

async function status(): Promise<void> {
    const pid = recordedPid(runDir);
    const siteURL = `http://127.0.0.1:${port}`;
    if (pid === undefined) {
        console.log('not running');
        process.exitCode = 1;
        return;
    }
    console.log(`running: pid ${pid}, ${siteURL} ${await answers(`${siteURL}/api/v4/system/ping`) ? 'answers' : 'does not answer'}`);
    const host = hostPid();
    console.log(host === undefined ? 'host page: not running' : `host page: pid ${host}, ${hostURL} ${await answers(hostURL) ? 'answers' : 'does not answer'}`);
}

async function reset(): Promise<void> {
    await stop();
    await ensurePostgres(log);
    dropDatabase(database);
    fs.rmSync(runDir, {recursive: true, force: true});
    log(`dropped database ${database} and removed ${rel(runDir)}`);
}

const commands: Record<string, () => Promise<void>> = {start, stop, status, reset};

async function main(): Promise<void> {
    const name = process.argv[2] ?? '';
    const command = commands[name];
    if (!command) {
        console.error(`usage: npx tsx ${path.relative(process.cwd(), path.join(repoRoot, 'e2e', 'scripts', 'server.ts'))} start|stop|status|reset`);
        process.exit(2);
    }
    await command();
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
