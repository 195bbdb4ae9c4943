import React, {useState} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import {HostActions, getCurrentTeamId} from '../store';
import type {HostState} from '../store';

import {useHost} from './context';
import ErrorAlert from './error_alert';

type Props = {
    channelId: string;
    rootId?: string;
    label: string;
};

function describe(err: unknown): string {
    if (err && typeof err === 'object' && 'message' in err) {
        return String((err as {message: unknown}).message);
    }
    return String(err);
}

/**
 * Sends what is typed as a post (or a reply in the thread), or runs it as a slash
 * command when it starts with "/". Enter sends, Shift+Enter starts a new line.
 * Command replies arrive on the WebSocket as ephemeral posts.
 */
export default function MessageBox({channelId, rootId = '', label}: Props) {
    const {session} = useHost();
    const dispatch = useDispatch();
    const teamId = useSelector((state: HostState) => getCurrentTeamId(state));
    const [text, setText] = useState('');
    const [sending, setSending] = useState(false);
    const [error, setError] = useState('');

    const send = async () => {
        const message = text.trim();
        if (!message || sending) {
            return;
        }
        setSending(true);
        setError('');
        try {
            if (message.startsWith('/')) {
                await session.client.executeCommand(message, {channel_id: channelId, team_id: teamId, root_id: rootId});
            } else {
                const post = await session.client.createPost({channel_id: channelId, root_id: rootId, message});
                dispatch({type: HostActions.RECEIVED_POSTS, posts: [post]});
            }
            setText('');
        } catch (err) {
            setError(describe(err));
        } finally {
            setSending(false);
        }
    };

    return (
        <form
            className='host-message-box'
            onSubmit={(e) => {
                e.preventDefault();
                send();
            }}
        >
            <textarea
                aria-label={label}
                placeholder={label}
                value={text}
                rows={2}
                readOnly={sending}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                        e.preventDefault();
                        send();
                    }
                }}
            />
            <button
                type='submit'
                disabled={sending || !text.trim()}
            >
                {'Send'}
            </button>
            <ErrorAlert error={error}/>
        </form>
    );
}
