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
// job. Env: CHANNEL_TODO_DEV_PORT (8065), CHANNEL_TODO_DEV_DATABASE (channeltodo_dev),
// CHANNEL_TODO_BUNDLE (default: newest dist/channel-todo-*.tar.gz).
import fs from 'node:fs';
import path from 'node:path';

import {cachedBuild} from '../harness/mm_build';
import {logFileIn, portIsFree, recordedPid, socketPathFor, stopServer} from '../harness/mm_server';
import {repoRoot, runRoot} from '../harness/paths';
import {findBundle} from '../harness/plugin';
import {dropDatabase, ensurePostgres} from '../harness/postgres';
import {provision, stackFileIn, startStack} from '../harness/run';
import {people} from '../harness/seed';
import type {StackState} from '../harness/stack';

const runDir = path.join(runRoot, 'dev');
const database = process.env.CHANNEL_TODO_DEV_DATABASE ?? 'channeltodo_dev';
const port = Number(process.env.CHANNEL_TODO_DEV_PORT ?? 8065);

function log(line: string): void {
    console.error(`[make server] ${line}`);
}

function rel(p: string): string {
    return path.relative(process.cwd(), p) || '.';
}

async function pingOK(siteURL: string): Promise<boolean> {
    try {
        const res = await fetch(`${siteURL}/api/v4/system/ping`, {signal: AbortSignal.timeout(5000)});
        return res.ok;
    } catch {
        return false;
    }
}

function printStack(state: StackState): void {
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
        // Mattermost's own web client is not built here; the e2e host page stands in for it.
        '  host page: (the e2e/host page address goes here once e2e/host provides a server)',
        '',
        `  try it:  curl -s -H 'Authorization: Bearer ${state.user1.token}' -H 'Content-Type: application/json' \\`,
        `             -d '{"command":"/todo help","channel_id":"${state.channels.public.id}","team_id":"${state.team.id}"}' \\`,
        `             ${state.siteURL}/api/v4/commands/execute`,
        `  tokens, ids:  ${rel(stackFileIn(state.runDir))}   (tests can use it: CHANNEL_TODO_STACK_FILE=${stackFileIn(state.runDir)} npm test -w e2e)`,
        `  server log:   ${rel(state.logFile)}`,
        `  local mode:   mmctl --local (MMCTL_LOCAL_SOCKET_PATH=${state.socketPath})`,
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
    if (pid !== undefined && await pingOK(siteURL)) {
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
    printStack(state);
}

async function stop(): Promise<void> {
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
    console.log(`running: pid ${pid}, ${siteURL} ${await pingOK(siteURL) ? 'answers' : 'does not answer'}`);
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
