// Sizes for the reliability tests: small in `make test`, large in `make soak`
// (CHANNEL_TODO_SOAK=1). The same test code runs at both sizes.

/** True under `make soak`. */
export const soak = process.env.CHANNEL_TODO_SOAK === '1';

/** The quick size in `make test`, the long one in `make soak`. */
export function sized(quick: number, long: number): number {
    return soak ? long : quick;
}

/** A jest timeout for a test of this many milliseconds in `make test`, scaled for `make soak`. */
export function timeoutFor(quickMs: number, soakMs: number): number {
    return soak ? soakMs : quickMs;
}

/**
 * Calls fn for every item with at most `limit` calls in flight, and resolves with the results in
 * item order. Every call runs even when others fail; fn reports failures in its result.
 */
export async function inFlight<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array<R>(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
    return results;
}
