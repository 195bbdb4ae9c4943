// Latency samples and their summary: what the benchmark prints, nothing asserted.

/** One measured operation: its samples in milliseconds. */
export interface Measurement {
    name: string;
    samples: number[];
}

export interface Summary {
    name: string;
    n: number;
    p50: number;
    p95: number;
    mean: number;
    min: number;
    max: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
    if (sorted.length === 0) {
        return NaN;
    }
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(m: Measurement): Summary {
    const sorted = [...m.samples].sort((a, b) => a - b);
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
        name: m.name,
        n: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        mean: sorted.length ? sum / sorted.length : NaN,
        min: sorted[0] ?? NaN,
        max: sorted[sorted.length - 1] ?? NaN,
    };
}

/**
 * Runs op n times one after the other (after `warmup` unmeasured runs) and records each run's
 * wall time. Sequential on purpose: latency of one request, not throughput.
 */
export async function measure(name: string, n: number, warmup: number, op: (i: number) => Promise<void>): Promise<Measurement> {
    for (let i = 0; i < warmup; i++) {
        await op(-1 - i);
    }
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
        const start = performance.now();
        await op(i);
        samples.push(performance.now() - start);
    }
    return {name, samples};
}

/**
 * Like measure, for several operations taken in turn, request by request (after `warmup`
 * unmeasured turns): each sees the same moments of the machine, so their ratio is not moved
 * by the load changing between one measurement and the next.
 */
export async function measureInTurn(n: number, warmup: number, ops: Array<{name: string; op: (i: number) => Promise<void>}>): Promise<Measurement[]> {
    const out = ops.map(({name}) => ({name, samples: [] as number[]}));
    for (let i = -warmup; i < n; i++) {
        for (const [k, {op}] of ops.entries()) {
            const start = performance.now();
            await op(i);
            if (i >= 0) {
                out[k].samples.push(performance.now() - start);
            }
        }
    }
    return out;
}

const ms = (x: number): string => x.toFixed(1);

/** A Markdown table of summaries. */
export function markdownTable(rows: Summary[]): string {
    const lines = [
        '| Operation | n | p50 (ms) | p95 (ms) | mean (ms) | min (ms) | max (ms) |',
        '|---|---:|---:|---:|---:|---:|---:|',
    ];
    for (const r of rows) {
        lines.push(`| ${r.name} | ${r.n} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.mean)} | ${ms(r.min)} | ${ms(r.max)} |`);
    }
    return lines.join('\n');
}
