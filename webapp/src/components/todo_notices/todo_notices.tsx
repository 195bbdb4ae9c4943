import React from 'react';
import {FormattedMessage} from 'react-intl';

import type {Todo} from '../../types/todo';

export type Props = {

    /** The last todo deleted, while Undo is offered. */
    deleted: Todo | null;
    onUndo: () => void;
    onDismiss: () => void;

    /** Why the last change failed ('' when it did not). */
    error: string;
};

export const noticeStyle = {
    muted: {color: 'rgba(var(--center-channel-color-rgb), 0.64)', margin: '8px 0'},
    error: {color: 'var(--error-text)', margin: '8px 0'},
    status: {
        display: 'flex',
        gap: '8px',
        alignItems: 'center',
        padding: '6px 8px',
        margin: '8px 0',
        borderRadius: '4px',
        background: 'rgba(var(--center-channel-color-rgb), 0.08)',
    },
    button: {background: 'none', border: 'none', padding: 0, color: 'var(--link-color)', font: 'inherit', cursor: 'pointer'},
} as const;

/** What a list view says above its todos: the Undo of a delete, and why a change failed. */
export default function TodoNotices({deleted, onUndo, onDismiss, error}: Props) {
    return (
        <>
            {deleted && (
                <div
                    role='status'
                    style={noticeStyle.status}
                >
                    <FormattedMessage
                        id='channel_todo.deleted'
                        defaultMessage='Deleted #{number}.'
                        values={{number: deleted.number}}
                    />
                    <button
                        type='button'
                        style={noticeStyle.button}
                        onClick={onUndo}
                    >
                        <FormattedMessage
                            id='channel_todo.undo'
                            defaultMessage='Undo'
                        />
                    </button>
                    <button
                        type='button'
                        style={noticeStyle.button}
                        onClick={onDismiss}
                    >
                        <FormattedMessage
                            id='channel_todo.dismiss'
                            defaultMessage='Dismiss'
                        />
                    </button>
                </div>
            )}
            {error && (
                <p
                    role='alert'
                    style={noticeStyle.error}
                >
                    {error}
                </p>
            )}
        </>
    );
}

/** The line a list shows until its first read answers. */
export function Loading() {
    return (
        <p style={noticeStyle.muted}>
            <FormattedMessage
                id='channel_todo.sidebar.loading'
                defaultMessage='Loading…'
            />
        </p>
    );
}
