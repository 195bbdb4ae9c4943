import {useCallback, useRef} from 'react';

/**
 * A function whose identity never changes but that always runs the latest `fn`: handed to
 * memoized rows, it lets a change re-render only the row it touched.
 */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    const latest = useRef(fn);
    latest.current = fn;
    return useCallback((...args: A) => latest.current(...args), []);
}
