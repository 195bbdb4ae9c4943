// The WebSocket to the real server, through the web client's own WebSocketClient
// (it answers the server's authentication_challenge with the session token and
// reconnects). Events update the host's store and go to plugins' handlers.
import {WebSocketClient} from '@mattermost/client';
import type {WebSocketMessage} from '@mattermost/client';
import type {Post} from '@mattermost/types/posts';

import type {Registrations$} from './registry';
import {loadChannelPosts, loadProfiles} from './session';
import type {Session} from './session';
import {HostActions} from './store';
import type {HostStore} from './store';

export type SocketStatus = 'connecting' | 'connected' | 'closed';

function parsePost(raw: unknown): Post | null {
    if (typeof raw !== 'string') {
        return null;
    }
    try {
        return JSON.parse(raw) as Post;
    } catch {
        return null;
    }
}

function applyToStore(msg: WebSocketMessage, session: Session, store: HostStore): void {
    const data = msg.data as Record<string, unknown>;
    switch (msg.event) {
    case 'posted':
    case 'post_edited':
    case 'ephemeral_message': {
        const post = parsePost(data.post);
        if (post) {
            store.dispatch({type: HostActions.RECEIVED_POSTS, posts: [post]});
            loadProfiles(session.client, store, [post.user_id]).catch((err) => console.warn('loading a profile failed', err));
        }
        break;
    }
    case 'post_deleted': {
        const post = parsePost(data.post);
        if (post) {
            store.dispatch({type: HostActions.POST_DELETED, postId: post.id});
        }
        break;
    }
    }
}

export function connectSocket(session: Session, store: HostStore, registrations: Registrations$, onStatus: (s: SocketStatus) => void): WebSocketClient {
    const socket = new WebSocketClient();
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    socket.addMessageListener((msg) => {
        applyToStore(msg, session, store);
        registrations.dispatchWebSocketEvent(msg);
    });
    socket.addFirstConnectListener(() => onStatus('connected'));
    socket.addReconnectListener(() => {
        onStatus('connected');

        // Events may have been missed while disconnected: refetch, then tell plugins.
        const channelId = store.getState().entities.channels.currentChannelId;
        if (channelId) {
            loadChannelPosts(session.client, store, channelId).catch((err) => console.warn('reloading posts failed', err));
        }
        registrations.dispatchReconnect();
    });
    socket.addCloseListener(() => onStatus('closed'));
    onStatus('connecting');
    socket.initialize(`${scheme}://${window.location.host}/api/v4/websocket`, session.token);
    return socket;
}
