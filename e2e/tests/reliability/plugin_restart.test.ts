// The plugin disabled and enabled again while clients write and read (issue 14.7): meanwhile
// requests get Mattermost's answer for a plugin that is not running, nothing acknowledged is
// lost, and no plugin process is left behind.
import fs from 'node:fs';

import {eventually} from '../../harness/eventually';
import {recordFigure} from '../../harness/figures';
import {inconsistentLists} from '../../harness/integrity';
import {isAlive} from '../../harness/mm_server';
import {waitForPlugin} from '../../harness/peer_server';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadState} from '../../harness/stack';
import {TodoApi, type Answer, type Todo} from '../../harness/todo_api';
import {pluginPid} from '../../soak/load';

/** The stack's plugin processes: children of its server running the plugin's executable. */
function pluginProcesses(serverPid: number, pluginId: string): number[] {
    return fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => {
        try {
            const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
            return Number(/PPid:\s+(\d+)/.exec(status)?.[1]) === serverPid &&
                fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`plugins/${pluginId}/server/dist/plugin-`);
        } catch {
            return false;
        }
    }).filter(isAlive);
}

test('disabling and enabling the plugin under load: clear answers meanwhile, nothing lost, no process left', async () => {
    const stack = loadState();
    const admin = clientFor(stack.admin, stack.siteURL);
    const channel = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], 'plugin-restart');
    const apis = [TodoApi.as(stack.user1, stack.siteURL), TodoApi.as(stack.user2, stack.siteURL)];
    const before = pluginPid(stack);
    expect(before).toBeDefined();

    const answers: Array<{kind: string; answer?: Answer; error?: string}> = [];
    const acknowledged: Todo[] = [];
    let phase: 'before' | 'toggling' | 'after' = 'before';
    let afterCount = 0;
    const client = async (c: number): Promise<void> => {
        const api = apis[c % 2];
        for (let i = 0; phase !== 'after' || afterCount < 40; i++) {
            const write = c % 2 === 0;
            const kind = write ? 'add' : 'list';
            try {
                const answer = write ?
                    await api.request('POST', `/channels/${channel.id}/todos`, {body: {text: `toggle ${c}.${i}`}}) :
                    await api.request('GET', `/channels/${channel.id}/todos?limit=50`);
                answers.push({kind, answer});
                if (write && answer.status === 201) {
                    acknowledged.push(answer.json as Todo);
                }
            } catch (err) {
                answers.push({kind, error: err instanceof Error ? err.message : String(err)});
            }
            if (phase === 'after') {
                afterCount++;
            }
        }
    };
    const clients = Array.from({length: 4}, (_, c) => client(c));
    await eventually(async () => expect(acknowledged.length).toBeGreaterThanOrEqual(10));
    phase = 'toggling';
    await admin.disablePlugin(stack.pluginId);
    await admin.enablePlugin(stack.pluginId);
    await waitForPlugin(stack, stack);
    phase = 'after';
    await Promise.all(clients);

    // While the plugin was stopping or starting, Mattermost answered for it: 404 (no plugin
    // at this route) or 503; never a hung or dropped connection, and nothing else.
    const refused = answers.filter((a) => a.answer && ![200, 201].includes(a.answer.status));
    const bad = answers.filter((a) => a.error || (a.answer && ![200, 201, 404, 503].includes(a.answer.status)));
    expect(bad.map((a) => `${a.kind}: ${a.error ?? `${a.answer!.status} ${a.answer!.text}`}`)).toEqual([]);
    expect(answers.slice(-10).every((a) => a.answer?.status === (a.kind === 'add' ? 201 : 200))).toBe(true);

    const {todos} = await apis[0].listChannelAll(channel.id, {state: 'all', limit: 200});
    const ids = new Set(todos.map((t) => t.id));
    expect(acknowledged.filter((t) => !ids.has(t.id)).map((t) => t.text)).toEqual([]);
    expect(todos.map((t) => t.number)).toEqual(Array.from({length: todos.length}, (_, k) => k + 1));
    expect(inconsistentLists(stack.database)).toEqual([]);
    // One plugin process, the new one; the old one exited.
    const now = pluginProcesses(stack.pid, stack.pluginId);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(before);
    expect(isAlive(before!)).toBe(false);
    recordFigure('plugin restart', `disabled and enabled under 4 clients: ${answers.length} requests, ${refused.length} answered ${[...new Set(refused.map((a) => a.answer!.status))].join('/') || '-'} while it restarted, none anything else; ${acknowledged.length} acknowledged adds all stored; one plugin process after`);
}, 120_000);
