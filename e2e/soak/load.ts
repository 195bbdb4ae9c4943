// A held load on one server (issue 14.5): writers add to and complete todos on shared lists
// while readers page through them, for a fixed time. It records every answer, the latency of
// each kind of request, the database connections in use (sampled), and at the end checks that
// every acknowledged add is stored once. The numbers are reported, never asserted as speeds.
import {findProcess, residentMiB} from '../bench/plugin_process';
import {summarize, type Summary} from '../bench/stats';

import {inconsistentLists} from '../harness/integrity';
import {psql, runSQL} from '../harness/postgres';
import type {StackState} from '../harness/stack';
import {TodoApi, type Todo} from '../harness/todo_api';

export interface LoadOptions {
    writers: number;
    readers: number;
    seconds: number;
    /** Channels whose lists the load shares (writers and readers spread over them). */
    channelIds: string[];
    /** Seconds between two readings of the plugin's memory; a tenth of the run, at most 10,
     * when omitted. */
    memoryEvery?: number;
}

export interface LoadReport {
    requests: number;
    /** Answers that were not the expected 2xx, by status and error code. */
    errors: Map<string, number>;
    latencies: Summary[];
    acknowledgedAdds: number;
    /** Acknowledged adds missing from the database, or stored twice. */
    lost: string[];
    /** Lists whose counters disagree with their rows after the load. */
    inconsistent: string[];
    /** Connections to the database, sampled once a second: the highest seen. */
    maxConnections: number;
    /** Mattermost's SqlSettings.MaxOpenConns, which bounds them (the plugin shares its pool). */
    connectionCap: number;
    /** Resident memory of the plugin's process, MiB: before the load, then every
     * `memoryEvery` seconds of it, and at its end (see memoryVerdict). */
    pluginMemory: MemorySample[];
}

/** The plugin process's resident memory at a second of the run (0: before the load). */
export interface MemorySample {
    second: number;
    mib: number;
}

/** Most the median resident memory may rise from the first half to the last (memoryVerdict). */
export const allowedGrowthMiB = 3;

/**
 * The criterion for "no growth" of the plugin's memory under a steady load. The first fifth of
 * the run is warm-up: the Go heap grows to its collection target for the requests in flight,
 * and Mattermost's RPC buffers fill (23 → 33 MiB in the first 30 s at 64 + 64). After it the
 * resident memory saws up and down by some 8 MiB with the collections and the requests in
 * flight, so single readings say little; the medians of the readings in the rest of the first
 * half and in the last half are steady to about 1 MiB (docs/RELIABILITY.md). Growth is the
 * second median minus the first, allowed up to allowedGrowthMiB: the last half of the 5-minute
 * run answers some 35,000 requests, and a leak of 50 bytes a request, doubled by Go's collection
 * target, would show as more.
 */
export function memoryVerdict(samples: MemorySample[], seconds: number): {first: number; last: number; growth: number; ok: boolean} {
    const median = (lo: number, hi: number): number => {
        const xs = samples.filter((x) => x.second > lo && x.second <= hi).map((x) => x.mib).sort((a, b) => a - b);
        if (xs.length === 0) {
            return NaN;
        }
        const mid = Math.floor(xs.length / 2);
        return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
    };
    const first = median(seconds / 5, seconds / 2);
    const last = median(seconds / 2, seconds);
    const growth = last - first;
    // Too few readings to judge (a run of seconds) is not growth: NaN <= x is false, so say so.
    return {first, last, growth, ok: Number.isNaN(growth) || growth <= allowedGrowthMiB};
}

function connectionsTo(database: string): number {
    return Number(psql(`SELECT count(*) FROM pg_stat_activity WHERE datname = '${database.replace(/'/g, "''")}'`));
}

/** The plugin process of the stack's server. */
export function pluginPid(stack: StackState): number | undefined {
    return findProcess(stack.pid, `plugins/${stack.pluginId}/server/dist/plugin-`);
}

function memoryEvery(opts: LoadOptions): number {
    return opts.memoryEvery || Math.max(1, Math.min(10, Math.floor(opts.seconds / 10)));
}

/** Runs the load against the stack's server and reports what happened. */
export async function runLoad(stack: StackState, opts: LoadOptions, connectionCap: number): Promise<LoadReport> {
    const apis = [TodoApi.as(stack.user1, stack.siteURL), TodoApi.as(stack.user2, stack.siteURL)];
    const samples = new Map<string, number[]>();
    const errors = new Map<string, number>();
    const acknowledged: Todo[] = [];
    let requests = 0;
    const memory = (): number => {
        const pid = pluginPid(stack);
        return pid === undefined ? NaN : residentMiB(pid);
    };
    const pluginMemory: MemorySample[] = [{second: 0, mib: memory()}];

    const timed = async (kind: string, call: () => Promise<{status: number; json: unknown}>, ok: number): Promise<unknown> => {
        const start = performance.now();
        requests++;
        let status = 0;
        let json: unknown;
        try {
            ({status, json} = await call());
        } catch (err) {
            const key = `${kind}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 160);
            errors.set(key, (errors.get(key) ?? 0) + 1);
            return undefined;
        }
        if (status !== ok) {
            const code = (json as {code?: string} | undefined)?.code ?? '';
            const key = `${kind}: ${status} ${code}`;
            errors.set(key, (errors.get(key) ?? 0) + 1);
            return undefined;
        }
        const list = samples.get(kind) ?? [];
        list.push(performance.now() - start);
        samples.set(kind, list);
        return json;
    };

    // Readers ask for #1 of each list: it exists before they start.
    for (const channelId of opts.channelIds) {
        await apis[0].addToChannel(channelId, {text: 'load: the first todo'});
    }

    let maxConnections = connectionsTo(stack.database);
    let sampling = true;
    const sampler = (async () => {
        while (sampling) {
            maxConnections = Math.max(maxConnections, connectionsTo(stack.database));
            await new Promise((resolve) => setTimeout(resolve, 1000));
        }
    })();

    const start = Date.now();
    const end = start + opts.seconds * 1000;
    const memoryTimer = setInterval(() => {
        pluginMemory.push({second: Math.round((Date.now() - start) / 1000), mib: memory()});
    }, memoryEvery(opts) * 1000);
    const writer = async (w: number): Promise<void> => {
        const api = apis[w % 2];
        for (let i = 0; Date.now() < end; i++) {
            const channelId = opts.channelIds[(w + i) % opts.channelIds.length];
            const added = await timed('add', () => api.request('POST', `/channels/${channelId}/todos`, {body: {text: `load ${w}.${i}`}}), 201) as Todo | undefined;
            if (added) {
                acknowledged.push(added);
                if (i % 4 === 0) {
                    await timed('complete', () => api.request('POST', `/todos/${added.id}/complete`), 200);
                }
            }
        }
    };
    const reader = async (r: number): Promise<void> => {
        const api = apis[r % 2];
        for (let i = 0; Date.now() < end; i++) {
            const channelId = opts.channelIds[(r + i) % opts.channelIds.length];
            switch (i % 3) {
            case 0: await timed('list page', () => api.request('GET', `/channels/${channelId}/todos?limit=50`), 200); break;
            case 1: await timed('mine', () => api.request('GET', '/users/me/mine?limit=50'), 200); break;
            default: await timed('one todo', () => api.request('GET', `/channels/${channelId}/todos/number/1`), 200); break;
            }
        }
    };
    try {
        await Promise.all([
            ...Array.from({length: opts.writers}, (_, w) => writer(w)),
            ...Array.from({length: opts.readers}, (_, r) => reader(r)),
        ]);
    } finally {
        clearInterval(memoryTimer);
        sampling = false;
        await sampler;
    }
    if (pluginMemory[pluginMemory.length - 1].second < opts.seconds) {
        pluginMemory.push({second: opts.seconds, mib: memory()});
    }

    // Every acknowledged add, stored once: compared by id in the database.
    const ids = acknowledged.map((t) => `'${t.id}'`);
    const stored = ids.length === 0 ? new Map<string, number>() : new Map(runSQL(stack.database,
        `SELECT id, count(*) FROM channeltodo_todos WHERE id IN (${ids.join(',')}) GROUP BY id;`).split('\n').filter(Boolean).map((line) => {
        const [id, n] = line.split('|');
        return [id, Number(n)] as const;
    }));
    const lost = acknowledged.filter((t) => stored.get(t.id) !== 1).map((t) => `${t.id} (#${t.number} ${t.text}) stored ${stored.get(t.id) ?? 0} times`);
    return {
        requests,
        errors,
        latencies: [...samples].map(([name, s]) => summarize({name, samples: s})),
        acknowledgedAdds: acknowledged.length,
        lost,
        inconsistent: inconsistentLists(stack.database),
        maxConnections,
        connectionCap,
        pluginMemory,
    };
}

/** The report as a plain-text table, for make soak's output and docs/RELIABILITY.md. */
export function formatReport(opts: LoadOptions, r: LoadReport): string {
    const memory = {before: r.pluginMemory[0]?.mib ?? NaN, highest: Math.max(...r.pluginMemory.map((x) => x.mib))};
    const verdict = memoryVerdict(r.pluginMemory, opts.seconds);
    const errorCount = [...r.errors.values()].reduce((a, b) => a + b, 0);
    const lines = [
        `Load: ${opts.writers} writers + ${opts.readers} readers for ${opts.seconds} s on ${opts.channelIds.length} lists`,
        `| Request | n | p50 ms | p95 ms | max ms |`,
        `|---|---|---|---|---|`,
        ...r.latencies.map((s) => `| ${s.name} | ${s.n} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(0)} |`),
        '',
        `| Figure | Value |`,
        `|---|---|`,
        `| requests | ${r.requests} (${(r.requests / opts.seconds).toFixed(0)}/s) |`,
        `| errors | ${errorCount}${errorCount ? `: ${[...r.errors].map(([k, v]) => `${v}× ${k}`).join('; ')}` : ''} |`,
        `| acknowledged adds | ${r.acknowledgedAdds} |`,
        `| lost or doubled | ${r.lost.length} |`,
        `| lists whose counters disagree | ${r.inconsistent.length} |`,
        `| database connections, most seen | ${r.maxConnections} (cap ${r.connectionCap}) |`,
        `| plugin resident memory | ${memory.before.toFixed(1)} MiB before; median ${verdict.first.toFixed(1)} MiB from ${opts.seconds / 5} s to ${opts.seconds / 2} s, ${verdict.last.toFixed(1)} MiB in the last half; highest ${memory.highest.toFixed(1)} MiB |`,
        `| memory growth in the last half | ${verdict.growth >= 0 ? '+' : ''}${verdict.growth.toFixed(1)} MiB: ${verdict.ok ? `none (at most +${allowedGrowthMiB} MiB allowed)` : `GROWTH (more than +${allowedGrowthMiB} MiB)`} |`,
        `| plugin memory, every ${memoryEvery(opts)} s | ${r.pluginMemory.map((x) => `${x.second} s ${x.mib.toFixed(1)}`).join(', ')} |`,
    ];
    return lines.join('\n');
}
