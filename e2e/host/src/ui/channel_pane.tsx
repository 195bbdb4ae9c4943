import React, {useEffect, useMemo, useRef, useState} from 'react';
import {useSelector} from 'react-redux';

import {channelLabel, loadChannelPosts} from '../session';
import {getCurrentChannelId} from '../store';
import type {HostState} from '../store';

import {useHost, useHostStore} from './context';
import ErrorAlert from './error_alert';
import MessageBox from './message_box';
import PostItem from './post_item';

/** The current channel's recent posts, oldest first, and a box to write in it. */
export default function ChannelPane() {
    const {session} = useHost();
    const store = useHostStore();
    const channelId = useSelector(getCurrentChannelId);
    const channel = useSelector((state: HostState) => state.entities.channels.channels[channelId]);
    const name = useSelector((state: HostState) => (channel ? channelLabel(channel, state) : ''));
    const allPosts = useSelector((state: HostState) => state.entities.posts.posts);
    const [error, setError] = useState('');
    const list = useRef<HTMLOListElement>(null);

    useEffect(() => {
        if (!channelId) {
            return;
        }
        setError('');
        loadChannelPosts(session.client, store, channelId).catch((err) => setError(String(err?.message ?? err)));
    }, [channelId, session.client, store]);

    const posts = useMemo(
        () => Object.values(allPosts).filter((p) => p.channel_id === channelId).sort((a, b) => a.create_at - b.create_at),
        [allPosts, channelId],
    );

    useEffect(() => {
        list.current?.lastElementChild?.scrollIntoView({block: 'end'});
    }, [posts.length]);

    if (!channel) {
        return (
            <main className='host-channel'>
                <p>{'No channel to show.'}</p>
            </main>
        );
    }
    return (
        <main
            className='host-channel'
            aria-label={`Channel ${name}`}
        >
            <ol
                ref={list}
                className='host-posts'
                aria-label={`Posts in ${name}`}
            >
                {posts.map((p) => (
                    <PostItem
                        key={p.id}
                        post={p}
                    />
                ))}
            </ol>
            <ErrorAlert error={error}/>
            <MessageBox
                channelId={channelId}
                label={`Write to ${name}`}
            />
        </main>
    );
}
