// A small stand-in for the web client's window.PostUtils: enough Markdown (headings,
// lists, bold, italics, code, links, line breaks) and mention highlighting for a plugin to show
// text "like a message". The real one is far richer; plugins must not depend on
// more than its two entry points.
import React from 'react';

export type FormatOptions = {
    mentionHighlight?: boolean;
    mentionKeys?: Array<{key: string}>;

    /** Channels by name: `~name` of one of them shows as a link named `~Display name`, as in the client. */
    channelNamesMap?: Record<string, {display_name: string}>;
};

function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function formatInline(escaped: string, options: FormatOptions): string {
    const codeSpans: string[] = [];
    let html = escaped.replace(/`([^`]+)`/g, (_m, code: string) => {
        codeSpans.push(`<code>${code}</code>`);
        return `\uE000${codeSpans.length - 1}\uE000`;
    });
    html = html.
        replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').
        replace(/(^|[^*])\*([^*]+)\*/g, '$1<em>$2</em>').
        replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1<em>$2</em>').
        replace(/~~([^~]+)~~/g, '<del>$1</del>').
        replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>').
        replace(/(^|[\s(])(https?:\/\/[^\s<]+[^\s<.,;:!?)])/g, '$1<a href="$2" target="_blank" rel="noopener noreferrer">$2</a>');
    const keys = new Set((options.mentionKeys ?? []).map((k) => k.key.toLowerCase()));
    html = html.replace(/(^|[^\w@])@([a-z0-9][a-z0-9._-]*)/gi, (_m, before: string, name: string) => {
        const highlight = options.mentionHighlight !== false && keys.has(`@${name.toLowerCase()}`);
        return `${before}<span class="mention-link${highlight ? ' mention--highlight' : ''}" data-mention="${name}">@${name}</span>`;
    });
    const channels = options.channelNamesMap ?? {};
    html = html.replace(/(^|[^\w~])~([a-z0-9][a-z0-9_-]*)/g, (m, before: string, name: string) => {
        const channel = Object.prototype.hasOwnProperty.call(channels, name) ? channels[name] : undefined;
        if (!channel) {
            return m;
        }
        return `${before}<a class="mention-link channel-mention" data-channel-mention="${name}">~${escapeHtml(channel.display_name || name)}</a>`;
    });
    return html.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => codeSpans[Number(i)]);
}

/** Markdown text to HTML: headings, bullet lists, paragraphs and the inline forms above. */
export function formatText(text: string, options: FormatOptions = {}): string {
    const blocks: string[] = [];
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = () => {
        if (paragraph.length > 0) {
            blocks.push(`<p>${paragraph.join('<br/>')}</p>`);
            paragraph = [];
        }
        if (list.length > 0) {
            blocks.push(`<ul>${list.map((item) => `<li>${item}</li>`).join('')}</ul>`);
            list = [];
        }
    };
    for (const line of escapeHtml(text).split('\n')) {
        const heading = /^(#{1,6})\s+(.*)$/.exec(line);
        const item = /^\s*[*-]\s+(.*)$/.exec(line);
        if (heading) {
            flush();
            const level = heading[1].length;
            blocks.push(`<h${level} class="markdown__heading">${formatInline(heading[2], options)}</h${level}>`);
        } else if (item) {
            if (paragraph.length > 0) {
                flush();
            }
            list.push(formatInline(item[1], options));
        } else if (line.trim() === '') {
            flush();
        } else {
            if (list.length > 0) {
                flush();
            }
            paragraph.push(formatInline(line, options));
        }
    }
    flush();
    return blocks.join('');
}

export function messageHtmlToComponent(html: string): React.ReactElement {
    return React.createElement('div', {className: 'post-message__text', dangerouslySetInnerHTML: {__html: html}});
}
