// A long list in the sidebar keeps only the rows near the viewport in the page: rows
// have different heights (Markdown, open editors), so each row's height is measured once
// rendered and estimated until then, and spacers stand in for the rows that are not there.
// It also says when the end of what is loaded comes near, so the next page can be read.
import {useCallback, useEffect, useLayoutEffect, useRef, useState} from 'react';

export type WindowOptions = {

    /** Stable keys of the rows, in order. */
    keys: string[];

    /** Height assumed for a row not measured yet (px). */
    estimate?: number;

    /** Rows rendered beyond each edge of the viewport. */
    overscan?: number;

    /** Lists this long or shorter render every row. */
    minimum?: number;

    /** Called when the viewport comes within a viewport's height of the list's end. */
    onNearEnd?: () => void;

    /** A row that must stay rendered (the one with focus). */
    keep?: string;
};

export type RowWindow = {
    start: number;
    end: number;

    /** Heights of the spacers before and after the rendered rows (px). */
    before: number;
    after: number;

    /** Attach to the list element. */
    listRef: (el: HTMLElement | null) => void;

    /** Attach to each rendered row, with its key. */
    measure: (key: string) => (el: HTMLElement | null) => void;

    /**
     * False until the browser has painted the list's first rows: what is not needed to show
     * them (the overscan here, the rows' action bars in the list) waits for it.
     */
    painted: boolean;
};

// Where nothing is laid out (a page without layout), assume a tall window.
const fallbackViewport = 800;

/**
 * Calls fn once the browser has painted the next frame (a task after the frame's animation
 * callbacks, so after its style, layout and paint); returns a function that cancels it.
 */
export function afterNextPaint(fn: () => void): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (typeof requestAnimationFrame !== 'function') {
        timer = setTimeout(fn, 0);
        return () => clearTimeout(timer);
    }
    const frame = requestAnimationFrame(() => {
        timer = setTimeout(fn, 0);
    });
    return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
    };
}

function scrollParent(el: HTMLElement): HTMLElement {
    for (let p = el.parentElement; p; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowY;
        if (overflow === 'auto' || overflow === 'scroll') {
            return p;
        }
    }
    return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}

export function useWindowedRows({keys, estimate = 56, overscan = 8, minimum = 60, onNearEnd, keep}: WindowOptions): RowWindow {
    const [list, setList] = useState<HTMLElement | null>(null);
    const heights = useRef(new Map<string, number>());
    const observed = useRef(new Map<string, HTMLElement>());
    const [, setMeasured] = useState(0);
    const [view, setView] = useState({top: 0, height: 0});
    const nearEnd = useRef(onNearEnd);
    nearEnd.current = onNearEnd;

    // The first frame with rows carries only what shows; the rest comes once it is painted.
    const [painted, setPainted] = useState(false);
    const hasRows = keys.length > 0;
    useEffect(() => (hasRows && !painted ? afterNextPaint(() => setPainted(true)) : undefined), [hasRows, painted]);

    const resize = useRef<ResizeObserver | null>(null);
    useEffect(() => {
        if (typeof ResizeObserver === 'undefined') {
            return undefined;
        }
        resize.current = new ResizeObserver((entries) => {
            let changed = false;
            for (const entry of entries) {
                const key = (entry.target as HTMLElement).dataset.rowKey;
                const height = (entry.target as HTMLElement).offsetHeight;
                if (key && height > 0 && heights.current.get(key) !== height) {
                    heights.current.set(key, height);
                    changed = true;
                }
            }
            if (changed) {
                setMeasured((n) => n + 1);
            }
        });
        return () => resize.current?.disconnect();
    }, []);

    // One ref callback per key for as long as its row is in the page: a memoized row gets the
    // same one on every render, so moving the window does not render the rows that stay.
    const refs = useRef(new Map<string, (el: HTMLElement | null) => void>());
    const measure = useCallback((key: string) => {
        const known = refs.current.get(key);
        if (known) {
            return known;
        }
        const ref = (el: HTMLElement | null) => {
            const previous = observed.current.get(key);
            if (previous && previous !== el) {
                resize.current?.unobserve(previous);
                observed.current.delete(key);
            }
            if (!el) {
                refs.current.delete(key);
                return;
            }
            el.dataset.rowKey = key;
            const height = el.offsetHeight;
            if (height > 0) {
                heights.current.set(key, height);
            }
            if (previous !== el) {
                observed.current.set(key, el);
                resize.current?.observe(el);
            }
        };
        refs.current.set(key, ref);
        return ref;
    }, []);

    // Where the viewport is, in the list's own coordinates.
    const update = useCallback(() => {
        if (!list) {
            return;
        }
        const scroller = scrollParent(list);
        const listTop = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
        const height = scroller.clientHeight || fallbackViewport;
        const top = scroller.scrollTop - listTop;
        setView((v) => (v.top === top && v.height === height ? v : {top, height}));
        if (scroller.scrollHeight - scroller.scrollTop - height <= height) {
            nearEnd.current?.();
        }
    }, [list]);

    useEffect(() => {
        if (!list) {
            return undefined;
        }
        const scroller = scrollParent(list);
        let frame = 0;
        const onScroll = () => {
            if (!frame) {
                frame = requestAnimationFrame(() => {
                    frame = 0;
                    update();
                });
            }
        };
        // The page itself scrolling reports it on window.
        const page = scroller === document.scrollingElement || scroller === document.documentElement || scroller === document.body;
        const target: HTMLElement | Window = page ? window : scroller;
        target.addEventListener('scroll', onScroll, {passive: true});
        window.addEventListener('resize', onScroll);
        return () => {
            target.removeEventListener('scroll', onScroll);
            window.removeEventListener('resize', onScroll);
            cancelAnimationFrame(frame);
        };
    }, [list, update]);

    // A new length (a page came, a todo left) can bring the end into view.
    useLayoutEffect(update, [update, keys.length]);

    const count = keys.length;
    if (count <= minimum) {
        return {start: 0, end: count, before: 0, after: 0, listRef: setList, measure, painted};
    }

    const heightOf = (i: number) => heights.current.get(keys[i]) ?? estimate;
    const viewport = view.height || fallbackViewport;

    // Until the first rows are painted only the rows that fill the viewport (at first the
    // estimated one, then, still before the paint, the measured one): the overscan is for
    // scrolling, and made before the paint it would only delay the first frame.
    const edge = painted && view.height ? overscan : 0;
    let start = 0;
    let before = 0;
    while (start < count && before + heightOf(start) < view.top) {
        before += heightOf(start);
        start++;
    }
    let end = start;
    let bottom = before;
    while (end < count && bottom < view.top + viewport) {
        bottom += heightOf(end);
        end++;
    }
    for (let i = 0; i < edge && start > 0; i++) {
        start--;
        before -= heightOf(start);
    }
    for (let i = 0; i < edge && end < count; i++) {
        bottom += heightOf(end);
        end++;
    }

    // The focused row stays in the page (a screen reader and the keyboard are on it).
    const kept = keep ? keys.indexOf(keep) : -1;
    if (kept >= 0 && kept < start) {
        for (; start > kept; start--) {
            before -= heightOf(start - 1);
        }
    } else if (kept >= end) {
        for (; end <= kept; end++) {
            bottom += heightOf(end);
        }
    }
    let after = 0;
    for (let i = end; i < count; i++) {
        after += heightOf(i);
    }
    return {start, end, before: Math.max(0, before), after, listRef: setList, measure, painted};
}
