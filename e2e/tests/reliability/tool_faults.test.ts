// The command-line tool's data directory full, then read-only (issue 14.7), on the real server
// with the todo.txt preset. The directory is a small tmpfs mounted for the test, so the test needs
// root (mount); it fails, not skips, when it cannot mount, so a regression cannot hide behind a
// machine that lost the right. `make test` runs it at a small size, `make soak` at a larger one
// (more lines kept, several rounds of full and read-only).
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Channel} from '@mattermost/types/channels';

import {recordFigure} from '../../harness/figures';
import {currentSettings, replaceSettings} from '../../harness/plugin_config';
import {createScratchChannel} from '../../harness/scratch_channel';
import {sized, timeoutFor} from '../../harness/soak';
import {clientFor, loadState, type StackState} from '../../harness/stack';
import {findExecutable, ToolBridge} from '../../harness/tool_bridge';

let stack: StackState;
let dataRoot: string;
let mounted = false;
let channel: Channel;
let restore: (() => Promise<void>) | undefined;

/** Lines on the list before the first fault, and rounds of each fault. */
const kept = sized(2, 100);
const rounds = sized(1, 5);

beforeAll(async () => {
    if (process.getuid?.() !== 0) {
        throw new Error('this test mounts a small tmpfs as the tool\'s data directory and must run as root');
    }
    stack = loadState();
    dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-tool-faults-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dataRoot]);
    mounted = true;
    const admin = clientFor(stack.admin, stack.siteURL);
    channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'tool-faults');
    const original = await currentSettings(admin);
    restore = () => replaceSettings(admin, original);
    await new ToolBridge(stack).use({preset: 'todo.txt', executable: findExecutable('todo-txt'), dataRoot, channels: channel.id}, channel.id);
}, 60_000);

afterAll(async () => {
    await restore?.();
    if (mounted) {
        execFileSync('umount', ['-l', dataRoot]);
    }
    if (dataRoot) {
        fs.rmSync(dataRoot, {recursive: true, force: true});
    }
});

function lines(): string[] {
    return fs.readFileSync(path.join(dataRoot, `channel-${channel.id}`, 'todo.txt'), 'utf8').split('\n').filter(Boolean);
}

/** Processes whose command line names the data directory: the tool's, if any were left. */
function toolProcesses(): string {
    try {
        return execFileSync('pgrep', ['-af', dataRoot], {encoding: 'utf8'}).trim();
    } catch {
        return ''; // none
    }
}

/** Fills the tmpfs to the last block. */
function fill(filler: string): void {
    try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], {stdio: 'ignore'});
    } catch {
        // dd stops with "No space left on device": that is the point
    }
}

test(`a full data directory, ${rounds} time(s): changes are refused clearly, the ${kept} lines kept stay, adds work once there is room`, async () => {
    const tool = new ToolBridge(stack);
    const texts = Array.from({length: kept}, (_, i) => `kept ${i}`);
    for (const text of texts) {
        expect((await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: text})).body.ok).toBe(true);
    }
    const filler = path.join(dataRoot, 'filler');
    let refusals = 0;
    for (let round = 0; round < rounds; round++) {
        const before = lines();
        fill(filler);
        // todo.txt's own tool says "added" even when its write fails: the bridge checks first.
        const refused = await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: `while full ${round}`});
        expect(refused.body.ok).toBe(false);
        expect(refused.body.reply).toContain('the tool\'s data directory cannot take the change (its disk is full), so the tool did not run and nothing was changed');
        const done = await tool.route(stack.user1, channel.id, 'POST', {verb: 'done', arg: '1'});
        expect(done.body.ok).toBe(false);
        expect(done.body.reply).toContain('(its disk is full)');
        refusals += 2;
        expect(lines()).toEqual(before);
        expect((await tool.route(stack.user1, channel.id, 'GET')).body.items.map((i) => i.text)).toEqual(before);

        fs.rmSync(filler);
        const text = `after the space came back ${round}`;
        expect((await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: text})).body.ok).toBe(true);
        expect(lines()).toEqual([...before, text]);
        expect(toolProcesses()).toBe('');
    }
    expect(lines().slice(0, kept)).toEqual(texts);
    recordFigure('tool faults', `disk full ${rounds}×: ${refusals} changes refused with the clear answer, ${kept} lines kept intact, adds work again after; no tool process left`);
}, timeoutFor(60_000, 300_000));

test(`a read-only data directory, ${rounds} time(s): changes are refused clearly, the list still reads, changes work again after`, async () => {
    const tool = new ToolBridge(stack);
    let refusals = 0;
    for (let round = 0; round < rounds; round++) {
        const before = lines();
        execFileSync('mount', ['-o', 'remount,ro', dataRoot]);
        try {
            const refused = await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: `while read-only ${round}`});
            expect(refused.body.ok).toBe(false);
            expect(refused.body.reply).toContain('(it is on a read-only file system)');
            const done = await tool.route(stack.user1, channel.id, 'POST', {verb: 'done', arg: '1'});
            expect(done.body.ok).toBe(false);
            expect(done.body.reply).toContain('(it is on a read-only file system)');
            refusals += 2;
            expect(lines()).toEqual(before);
            const listed = await tool.route(stack.user1, channel.id, 'GET');
            expect(listed.status).toBe(200);
            expect(listed.body.items.map((i) => i.text)).toEqual(before);
        } finally {
            execFileSync('mount', ['-o', 'remount,rw', dataRoot]);
        }
        const text = `writable again ${round}`;
        expect((await tool.route(stack.user1, channel.id, 'POST', {verb: 'add', arg: text})).body.ok).toBe(true);
        expect(lines()).toEqual([...before, text]);
        expect(toolProcesses()).toBe('');
    }
    recordFigure('tool faults', `read-only ${rounds}×: ${refusals} changes refused with the clear answer, the list read every time, nothing lost; no tool process left`);
}, timeoutFor(60_000, 300_000));
