import React from 'react';

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

/**
 * A todo's text rendered like a message (Markdown, mentions, emoji) with the host's
 * PostUtils; plain text where the host offers none.
 */
export default function TodoText({text}: {text: string}) {
    const utils = hostPostUtils();
    if (!utils) {
        return <span className='channel-todo-text'>{text}</span>;
    }
    const html = utils.formatText(text, {mentionHighlight: true, atMentions: true, singleline: false});
    return (
        <span className='channel-todo-text'>
            {utils.messageHtmlToComponent(html, {mentionHighlight: true})}
        </span>
    );
}
