import React, {memo, useEffect, useState} from 'react';

type PostUtils = {
    formatText(text: string, options?: Record<string, unknown>): string;
    messageHtmlToComponent(html: string, options?: Record<string, unknown>): React.ReactNode;
};

function hostPostUtils(): PostUtils | undefined {
    const utils = (window as {PostUtils?: Partial<PostUtils>}).PostUtils;
    if (typeof utils?.formatText === 'function' && typeof utils.messageHtmlToComponent === 'function') {
        return utils as PostUtils;
    }
    return undefined;
}

// Texts already formatted, so a row scrolled back into view or rendered again shows its
// Markdown at once. Bounded: the oldest entries go first.
const formatted = new Map<string, string>();
const remembered = 2000;

function remember(text: string, html: string): void {
    formatted.set(text, html);
    if (formatted.size > remembered) {
        formatted.delete(formatted.keys().next().value as string);
    }
}

type Idle = {requestIdleCallback?: (cb: () => void, opts?: {timeout: number}) => number; cancelIdleCallback?: (id: number) => void};

// Formatting waits until the browser is idle (or a moment, where it cannot tell), so the
// first rows appear without waiting for Markdown.
function whenIdle(work: () => void): () => void {
    const w = window as Idle;
    if (typeof w.requestIdleCallback === 'function' && typeof w.cancelIdleCallback === 'function') {
        const id = w.requestIdleCallback(work, {timeout: 200});
        return () => w.cancelIdleCallback?.(id);
    }
    const id = window.setTimeout(work, 0);
    return () => window.clearTimeout(id);
}

/**
 * A todo's text rendered like a message (Markdown, mentions, emoji) with the host's
 * PostUtils; plain text where the host offers none, and until the formatting is done.
 */
function TodoText({text}: {text: string}) {
    const utils = hostPostUtils();
    const [html, setHtml] = useState<{text: string; html: string} | undefined>(() => {
        const known = formatted.get(text);
        return known === undefined ? undefined : {text, html: known};
    });
    const current = html?.text === text ? html.html : formatted.get(text);

    useEffect(() => {
        if (!utils || current !== undefined) {
            return undefined;
        }
        return whenIdle(() => {
            const out = utils.formatText(text, {mentionHighlight: true, atMentions: true, singleline: false});
            remember(text, out);
            setHtml({text, html: out});
        });
    }, [utils, text, current]);

    if (!utils || current === undefined) {
        return <span className='channel-todo-text'>{text}</span>;
    }
    return (
        <span className='channel-todo-text'>
            {utils.messageHtmlToComponent(current, {mentionHighlight: true})}
        </span>
    );
}

export default memo(TodoText);
