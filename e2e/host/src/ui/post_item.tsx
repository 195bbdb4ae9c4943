import React, {useMemo, useState} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import type {Post} from '@mattermost/types/posts';

import {formatText, messageHtmlToComponent} from '../post_utils';
import {HostActions} from '../store';
import type {HostState} from '../store';

import {useHost, useRegistrations} from './context';
import MessageAttachments from './message_attachments';
import PluginBoundary from './plugin_boundary';

type Props = {
    post: Post;

    /** In a thread view the post needs no link to its own thread. */
    inThread?: boolean;
};

function time(ms: number): string {
    return new Date(ms).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
}

function threadLabel(replies: number, isReply: boolean): string {
    if (isReply) {
        return 'Open thread';
    }
    if (replies === 0) {
        return 'Reply';
    }
    return `${replies} ${replies === 1 ? 'reply' : 'replies'}`;
}

// The hover "Message actions" menu of the client's post menu: an icon-apps button
// named "actions" that shows while the pointer is over the post or focus is in it,
// holding the plugins' post menu items. System posts have none.
function PostMenu({postId}: {postId: string}) {
    const {registrations} = useHost();
    const {postMenu} = useRegistrations(registrations);
    const [open, setOpen] = useState(false);

    // No try/catch: the client calls filters directly while rendering.
    const actions = postMenu.filter((a) => (a.filter ? a.filter(postId) : true));
    if (actions.length === 0) {
        return null;
    }
    return (
        <span className={`post-menu${open ? ' post-menu--open' : ''}`}>
            <button
                type='button'
                className='post-menu__item icon icon-apps'
                aria-haspopup='menu'
                aria-expanded={open}
                aria-label='actions'
                title='Message actions'
                onClick={() => setOpen(!open)}
            />
            {open && (
                <ul
                    role='menu'
                    aria-label='Message actions'
                >
                    {actions.map((a) => (
                        <li
                            key={a.id}
                            role='none'
                        >
                            <button
                                type='button'
                                role='menuitem'
                                onClick={() => {
                                    setOpen(false);
                                    a.action(postId);
                                }}
                            >
                                <PluginBoundary
                                    pluginId={a.pluginId}
                                    what='post menu item'
                                >
                                    {a.text}
                                </PluginBoundary>
                            </button>
                        </li>
                    ))}
                </ul>
            )}
        </span>
    );
}

/** One post: author, time, message and its attachments (with their buttons), its thread and the plugins' message actions. */
export default function PostItem({post, inThread = false}: Props) {
    const dispatch = useDispatch();
    const author = useSelector((state: HostState) => state.entities.users.profiles[post.user_id]);
    const me = useSelector((state: HostState) => state.entities.users.profiles[state.entities.users.currentUserId]);
    const ephemeral = post.type === 'system_ephemeral';
    const highlighted = useSelector((state: HostState) => state.views.highlightedPostId === post.id);

    // Join/leave and other system messages cannot be replied to, as in the web client.
    const system = post.type.startsWith('system_');
    const isReply = Boolean(post.root_id);
    const rootId = post.root_id || post.id;
    const name = (post.props?.override_username as string | undefined) ?? author?.username ?? post.user_id;
    const channels = useSelector((state: HostState) => state.entities.channels.channels);
    const channelNamesMap = useMemo(() => Object.fromEntries(Object.values(channels).map((c) => [c.name, c])), [channels]);
    const html = formatText(post.message, {mentionKeys: me ? [{key: `@${me.username}`}] : [], channelNamesMap});

    return (
        <li
            className={`host-post${ephemeral ? ' host-post--ephemeral' : ''}${isReply && !inThread ? ' host-post--reply' : ''}${highlighted ? ' host-post--highlighted' : ''}`}
            data-post-id={post.id}
            data-testid='post'
            data-highlighted={highlighted || undefined}

            // Focusable like the client's posts, so keyboard users reach the hover menu.
            tabIndex={0}
            ref={highlighted ? (el) => el?.scrollIntoView({block: 'center'}) : undefined}
        >
            <div className='host-post__header'>
                <strong className='host-post__author'>{name}</strong>
                {author?.is_bot && <span className='host-badge'>{'BOT'}</span>}
                <time dateTime={new Date(post.create_at).toISOString()}>{time(post.create_at)}</time>
                {ephemeral && <span className='host-post__note'>{'(Only visible to you)'}</span>}
                {isReply && !inThread && <span className='host-post__note'>{'replied in a thread'}</span>}
            </div>
            <div className='host-post__message'>{messageHtmlToComponent(html)}</div>
            <MessageAttachments post={post}/>
            <div className='host-post__actions'>
                {!inThread && !system && (
                    <button
                        type='button'
                        className='host-link'
                        onClick={() => dispatch({type: HostActions.OPEN_THREAD, rootId})}
                    >
                        {threadLabel(post.reply_count, isReply)}
                    </button>
                )}
                {!system && <PostMenu postId={post.id}/>}
            </div>
        </li>
    );
}
