// A/B of `/todo mine` between two plugin bundles on one server, for a user with 100,000 open
// assigned todos (issue 10): the bundles are installed in turn, several rounds each, and each
// round alternates, request by request, Mattermost's own `/shrug` and `/todo mine` through the
// commands API, so each ratio is taken against the floor of the same moment. It also reads the
// plugin process's CPU time (/proc) over the round's requests. Not a test: it prints medians,
// ratios and the load average. Results go in docs/BENCHMARKS.md. Usage below.
//
// With --channels N it is "mine" over N channels instead, as in api_bench.ts: user1 is a member
// of N fresh channels, each with one todo assigned to user1 (seeded in three steps of 1%, 9% and
// 90%, as the bench's rounds of 10, 100 and 1,000 leave them), and each round alternates
// `/shrug`, `/todo mine`, a REST page of 50 of a list of 1,000 todos and REST mine's first page
// of 50, so REST mine is also taken against the page of 50 of the same moment. Beside them lie
// --todos todos in all (1,000 in the paged list, the others in another one).
import os from 'node:os';

import type {CommandArgs} from '@mattermost/types/integrations';

import {createScratchChannel} from '../harness/scratch_channel';
import {TodoApi} from '../harness/todo_api';

import {alternate, arg, floorAndOp, median, runAB, type ABRun} from './ab';
import {analyze, growChannelList, seedAssignedAcross} from './seed_sql';

const usage = [
    'npx tsx e2e/bench/mine_ab.ts --a old.tar.gz --b new.tar.gz [--rounds 3] [--requests 40] [--todos 100000] [--keep-database]',
    'npx tsx e2e/bench/mine_ab.ts --a old.tar.gz --b new.tar.gz --channels 1000 [--todos 100000] [--keep-database]',
].join('\n');

runAB({name: 'mine', usage, warmup: 5}, async (ab) => {
    const {stack, admin, user} = ab;
    const size = Number(arg('todos', '100000'));
    const channels = Number(arg('channels', '0'));
    const big = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'mine');
    if (channels > 0) {
        // The page of 50 is of a list of 1,000, as in api_bench.ts; the rest of --todos lie in
        // another list, as the bench's list of 100,000 lies beside "mine" when it is measured.
        growChannelList(stack.database, {channelId: big.id, count: 1000, creatorId: stack.user2.id, salt: 'mineab'});
        const rest = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'bulk');
        if (size > 1000) {
            growChannelList(stack.database, {channelId: rest.id, count: size - 1000, creatorId: stack.user2.id, salt: 'minebulk'});
        }
    } else {
        growChannelList(stack.database, {channelId: big.id, count: size, creatorId: stack.user2.id, assigneeId: stack.user1.id, salt: 'mineab'});
    }
    analyze(stack.database);
    if (channels > 0) {
        await overChannels(ab, big.id, channels);
        return;
    }
    const args = {channel_id: big.id, team_id: stack.team.id} as CommandArgs;
    const lines = ['| bundle | round | /shrug p50 | /todo mine p50 | ratio | plugin CPU per /todo mine | load (1 min) | title |', '|---|---:|---:|---:|---:|---:|---:|---|'];
    const ratios: Record<string, number[]> = {A: [], B: []};
    const mines: Record<string, number[]> = {A: [], B: []};
    await alternate(ab, async (name, round, pid) => {
        let title = '';
        const t = await floorAndOp(ab, pid, async (i) => {
            await user.executeCommand(`/shrug mine ${i}`, args);
        }, async () => {
            const answer = await user.executeCommand('/todo mine', args);
            const text = answer.text ?? '';
            if (!text.includes('Seeded todo')) {
                throw new Error(`/todo mine shows no todo: ${text.slice(0, 200)}`);
            }
            title = text.split('\n')[0].replace(/^#+ /, '');
        });
        const load = os.loadavg()[0];
        const ratio = median(t.op) / median(t.floor);
        ratios[name].push(ratio);
        mines[name].push(median(t.op));
        lines.push(`| ${name} | ${round} | ${median(t.floor).toFixed(1)} ms | ${median(t.op).toFixed(1)} ms | ${ratio.toFixed(2)} | ${t.cpuPerOp.toFixed(2)} ms | ${load.toFixed(1)} | ${title} |`);
        ab.log(lines[lines.length - 1]);
    });
    const summary = `${size} assigned todos: /todo mine median A ${median(mines.A).toFixed(1)} ms (${median(ratios.A).toFixed(2)}× /shrug), ` +
        `B ${median(mines.B).toFixed(1)} ms (${median(ratios.B).toFixed(2)}× /shrug)`;
    process.stdout.write(`${lines.join('\n')}\n\n- ${summary}\n`);
});

/** --channels: REST mine and /todo mine over `channels` channels, against the page of 50 and /shrug. */
async function overChannels(ab: ABRun, listId: string, channels: number): Promise<void> {
    const {stack, admin, user} = ab;
    let made = 0;
    for (const step of [Math.ceil(channels / 100), Math.ceil(channels / 10), channels]) {
        const fresh: string[] = [];
        while (made + fresh.length < step) {
            fresh.push((await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id], 'mine')).id);
        }
        if (fresh.length > 0) {
            seedAssignedAcross(stack.database, {channelIds: fresh, creatorId: stack.user2.id, assigneeId: stack.user1.id, salt: `mine${step}`});
        }
        made += fresh.length;
        ab.log(`${made} channels with an assigned todo`);
    }
    analyze(stack.database);
    const api = TodoApi.as(stack.user1, stack.siteURL);
    const args = {channel_id: listId, team_id: stack.team.id} as CommandArgs;
    const shown = Math.min(50, channels);
    const lines = ['| bundle | round | /shrug | /todo mine | ÷ /shrug | page of 50 | REST mine | ÷ page | load (1 min) |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
    const res: Record<string, {chat: number[]; rest: number[]}> = {A: {chat: [], rest: []}, B: {chat: [], rest: []}};
    await alternate(ab, async (name, round) => {
        const t: Record<'shrug' | 'chat' | 'page' | 'rest', number[]> = {shrug: [], chat: [], page: [], rest: []};
        const time = async (key: keyof typeof t, i: number, fn: () => Promise<void>) => {
            const start = performance.now();
            await fn();
            if (i >= 0) {
                t[key].push(performance.now() - start);
            }
        };
        for (let i = -ab.warmup; i < ab.requests; i++) {
            await time('shrug', i, async () => {
                await user.executeCommand(`/shrug mine ${i}`, args);
            });
            await time('chat', i, async () => {
                const answer = await user.executeCommand('/todo mine', args);
                if (!(answer.text ?? '').includes('Seeded todo for mine')) {
                    throw new Error(`/todo mine shows no todo: ${(answer.text ?? '').slice(0, 200)}`);
                }
            });
            await time('page', i, async () => {
                const page = await api.listChannel(listId, {limit: 50});
                if (page.todos.length !== 50) {
                    throw new Error(`a page of ${page.todos.length}`);
                }
            });
            await time('rest', i, async () => {
                const page = await api.mine({limit: 50});
                if (page.todos.length !== shown) {
                    throw new Error(`mine shows ${page.todos.length} todos`);
                }
            });
        }
        const m = {shrug: median(t.shrug), chat: median(t.chat), page: median(t.page), rest: median(t.rest)};
        res[name].chat.push(m.chat / m.shrug);
        res[name].rest.push(m.rest / m.page);
        lines.push(`| ${name} | ${round} | ${m.shrug.toFixed(1)} ms | ${m.chat.toFixed(1)} ms | ${(m.chat / m.shrug).toFixed(2)} | ` +
            `${m.page.toFixed(1)} ms | ${m.rest.toFixed(1)} ms | ${(m.rest / m.page).toFixed(2)} | ${os.loadavg()[0].toFixed(1)} |`);
        ab.log(lines[lines.length - 1]);
    });
    const summary = (name: 'A' | 'B') => `${name}: REST mine ${median(res[name].rest).toFixed(2)}× the page of 50, /todo mine ${median(res[name].chat).toFixed(2)}× /shrug`;
    process.stdout.write(`${lines.join('\n')}\n\n- over ${channels} channels, medians of the rounds' ratios: ${summary('A')}; ${summary('B')}\n`);
}
