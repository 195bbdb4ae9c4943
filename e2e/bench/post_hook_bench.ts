// What the plugin's post hook costs Mattermost's own POST /posts (issue 15: live reply counts).
// Every post on the server passes through the hook: a post that is no reply costs it nothing, a
// reply one index probe, a reply in a todo's thread a count and an event. Not a test: it
// asserts no timings, it prints them. Run it with two bundles to compare them:
//
//   npx tsx e2e/bench/post_hook_bench.ts --bundle dist/channel-todo.tar.gz [--requests 200] [--warmup 20]
//
// It starts its own stack (fresh database channeltodo_postbench_<time>) and posts one request
// at a time as user1: plain posts, replies in an ordinary thread, replies in a todo's thread.
import path from 'node:path';

import type {Post} from '@mattermost/types/posts';

import {runRoot} from '../harness/paths';
import {startStack, stopStack} from '../harness/run';
import {createScratchChannel} from '../harness/scratch_channel';
import {clientFor} from '../harness/stack';
import {TodoApi} from '../harness/todo_api';

import {markdownTable, measure, summarize} from './stats';

function parseArgs(argv: string[]): {requests: number; warmup: number; bundle?: string} {
    const opts: {requests: number; warmup: number; bundle?: string} = {requests: 200, warmup: 20};
    for (let i = 0; i < argv.length; i += 2) {
        const [flag, value] = [argv[i], argv[i + 1]];
        if (flag === '--requests' || flag === '--warmup') {
            const n = Number(value);
            if (!Number.isInteger(n) || n < 0) {
                throw new Error(`${flag} needs a whole number, got ${value}`);
            }
            opts[flag === '--requests' ? 'requests' : 'warmup'] = n;
        } else if (flag === '--bundle') {
            opts.bundle = path.resolve(value);
        } else {
            throw new Error(`unknown argument ${flag}; use --bundle FILE, --requests N, --warmup N`);
        }
    }
    return opts;
}

async function main(): Promise<void> {
    const o = parseArgs(process.argv.slice(2));
    const stamp = new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14);
    const log = (line: string) => process.stderr.write(`[postbench] ${line}\n`);
    const runDir = path.join(runRoot, 'postbench', stamp);
    const database = `channeltodo_postbench_${stamp}`;
    const stack = await startStack({runDir, database, freshDatabase: true, bundle: o.bundle, log});
    try {
        const admin = clientFor(stack.admin, stack.siteURL);
        const user = clientFor(stack.user1, stack.siteURL);
        const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'postbench');
        const post = (message: string, rootId = '') => user.createPost({channel_id: channel.id, message, root_id: rootId} as Post);
        const ordinary = await post('an ordinary thread');
        const todo = await TodoApi.as(stack.user1, stack.siteURL).addToChannel(channel.id, {text: 'a todo with a thread'});
        const {root_id: todoRoot} = await TodoApi.as(stack.user1, stack.siteURL).comment(todo.id, 'first comment');
        const rows = [
            summarize(await measure('POST /posts: a post that is no reply', o.requests, o.warmup, async (i) => {
                await post(`plain ${i}`);
            })),
            summarize(await measure('POST /posts: a reply in an ordinary thread', o.requests, o.warmup, async (i) => {
                await post(`reply ${i}`, ordinary.id);
            })),
            summarize(await measure('POST /posts: a reply in a todo\'s thread', o.requests, o.warmup, async (i) => {
                await post(`comment ${i}`, todoRoot);
            })),
        ];
        process.stdout.write(`Bundle: ${o.bundle ?? 'the default'}\n\n${markdownTable(rows)}\n`);
    } finally {
        await stopStack(runDir, database);
    }
}

main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
});
