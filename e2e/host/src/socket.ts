// The WebSocket to the real server, through the web client's own WebSocketClient
// (it reconnects, resuming the connection where the server can). Events update the host's store and go to plugins' handlers, with no
// try/catch anywhere on the way, as in the client: a handler that throws is an
// uncaught exception of the page.
import {WebSocketClient} from '@mattermost/client';
import type {Post} from '@mattermost/types/posts';
import type {ClientPluginManifest} from '@mattermost/types/plugins';

import type {ClientWebSocketMessage} from '../../../webapp/src/types/client_registry';

import type {PluginLoader} from './plugin_loader';

import type {Registrations$} from './registry';
import {basename} from './routes';
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

function applyToStore(msg: ClientWebSocketMessage, session: Session, store: HostStore, loader: PluginLoader): void {
    const data = msg.data;
    switch (msg.event) {
    case 'posted':
    case 'post_edited':
    case 'ephemeral_message': {
        const post = parsePost(data.post);
        if (post) {
            store.dispatch({type: HostActions.RECEIVED_POSTS, posts: [post]});
            if (msg.event === 'posted') {
                store.dispatch({type: HostActions.CHANNEL_UNREAD, channelId: post.channel_id});
            }
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

    // An admin enabled, disabled or upgraded a plugin: the client loads or removes
    // its webapp part at once (a disabled plugin's uninitialize is called).
    case 'plugin_enabled': {
        const manifest = data.manifest as ClientPluginManifest | undefined;
        if (manifest?.webapp?.bundle_path) {
            loader.load(manifest);
        }
        break;
    }
    case 'plugin_disabled': {
        const manifest = data.manifest as ClientPluginManifest | undefined;
        if (manifest?.id) {
            loader.remove(manifest.id);
        }
        break;
    }
    case 'config_changed':
        store.dispatch({type: HostActions.RECEIVED_CONFIG, config: data.config as Record<string, string>});
        break;
    }
}

export function connectSocket(session: Session, store: HostStore, registrations: Registrations$, loader: PluginLoader, onStatus: (s: SocketStatus) => void): WebSocketClient {
    const socket = new WebSocketClient();
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    socket.addMessageListener((raw) => {
        const msg = raw as ClientWebSocketMessage;
        applyToStore(msg, session, store, loader);
        registrations.dispatchWebSocketEvent(msg);
    });
    socket.addFirstConnectListener(() => onStatus('connected'));
    // Events may have been missed while disconnected: refetch, then tell plugins. The
    // client does this on every reconnect, and again when the server could not resume
    // the old connection (a new connection id in its hello: the missed-message
    // listener, without which WebSocketClient never learns a connection id at all).
    const resync = () => {
        const channelId = store.getState().entities.channels.currentChannelId;
        if (channelId) {
            loadChannelPosts(session.client, store, channelId).catch((err) => console.warn('reloading posts failed', err));
        }
        registrations.dispatchReconnect();
    };
    socket.addReconnectListener(() => {
        onStatus('connected');
        resync();
    });
    socket.addMissedMessageListener(resync);
    socket.addCloseListener(() => onStatus('closed'));
    onStatus('connecting');
    // Authenticated by the session cookie on the upgrade, as the client does: a token
    // challenge instead would make the server start a new connection on every
    // reconnect, and the client would drop it for the gap in sequence numbers.
    socket.initialize(`${scheme}://${window.location.host}${basename()}/api/v4/websocket`);
    return socket;
}
