import React, {useEffect, useMemo, useState} from 'react';
import {useSelector} from 'react-redux';

import {loadThread} from '../session';
import type {HostState} from '../store';

import {useHost, useHostStore} from './context';
import ErrorAlert from './error_alert';
import MessageBox from './message_box';
import PostItem from './post_item';

/** A thread: its root post, the replies (including ephemeral ones), a reply box. */
export default function ThreadView({rootId}: {rootId: string}) {
    const {session} = useHost();
    const store = useHostStore();
    const allPosts = useSelector((state: HostState) => state.entities.posts.posts);
    const [error, setError] = useState('');

    useEffect(() => {
        setError('');
        loadThread(session.client, store, rootId).catch((err) => setError(String(err?.message ?? err)));
    }, [rootId, session.client, store]);

    const root = allPosts[rootId];
    const replies = useMemo(
        () => Object.values(allPosts).filter((p) => p.root_id === rootId).sort((a, b) => a.create_at - b.create_at),
        [allPosts, rootId],
    );

    return (
        <section
            className='host-thread'
            aria-label='Thread'
        >
            <ol
                className='host-posts'
                aria-label='Posts in thread'
            >
                {root && (
                    <PostItem
                        post={root}
                        inThread={true}
                    />
                )}
                {replies.map((p) => (
                    <PostItem
                        key={p.id}
                        post={p}
                        inThread={true}
                    />
                ))}
            </ol>
            <ErrorAlert error={error}/>
            {root && (
                <MessageBox
                    channelId={root.channel_id}
                    rootId={rootId}
                    label='Reply to thread'
                />
            )}
        </section>
    );
}
