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
                <StatusNotice onDismiss={onDismiss}>
                    <FormattedMessage
                        id='channel_todo.deleted'
                        defaultMessage='Deleted #{number}.'
                        values={{number: deleted.number}}
                    />
                    <TextButton
                        id='channel_todo.undo'
                        defaultMessage='Undo'
                        onClick={onUndo}
                    />
                </StatusNotice>
            )}
            {error && <ErrorLine>{error}</ErrorLine>}
        </>
    );
}

type TextButtonProps = {
    id: string;
    defaultMessage: string;
    onClick: () => void;
};

/** A button that reads as a link inside a notice (Undo, Dismiss, Try again). */
export function TextButton({id, defaultMessage, onClick}: TextButtonProps) {
    return (
        <button
            type='button'
            style={noticeStyle.button}
            onClick={onClick}
        >
            <FormattedMessage
                id={id}
                defaultMessage={defaultMessage}
            />
        </button>
    );
}

type StatusNoticeProps = {
    children: React.ReactNode;
    onDismiss: () => void;

    /** Replaces the box's look (the sidebar's notice is tinted with the button colour). */
    style?: React.CSSProperties;
};

/** A passing message with a Dismiss button, announced politely to screen readers. */
export function StatusNotice({children, onDismiss, style = noticeStyle.status}: StatusNoticeProps) {
    return (
        <div
            role='status'
            style={style}
        >
            {children}
            <TextButton
                id='channel_todo.dismiss'
                defaultMessage='Dismiss'
                onClick={onDismiss}
            />
        </div>
    );
}

type ErrorLineProps = {
    children: React.ReactNode;
    preWrap?: boolean;

    /** Replaces the line's look (a form's line sits in its gap, without margins). */
    style?: React.CSSProperties;
};

/** Why something failed, announced at once to screen readers. */
export function ErrorLine({children, preWrap = false, style = noticeStyle.error}: ErrorLineProps) {
    return (
        <p
            role='alert'
            style={preWrap ? {...style, whiteSpace: 'pre-wrap'} : style}
        >
            {children}
        </p>
    );
}

type HintProps = {
    id: string;
    defaultMessage: string;
    style?: React.CSSProperties;
};

/** A muted line of translated text, such as an empty list's. */
export function Hint({id, defaultMessage, style = noticeStyle.muted}: HintProps) {
    return (
        <p style={style}>
            <FormattedMessage
                id={id}
                defaultMessage={defaultMessage}
            />
        </p>
    );
}

/** The line a list shows until its first read answers. */
export function Loading({style}: {style?: React.CSSProperties}) {
    return (
        <Hint
            id='channel_todo.sidebar.loading'
            defaultMessage='Loading…'
            style={style}
        />
    );
}

/** At the end of a list read in part: the next page is on its way. */
export function LoadingMore() {
    return (
        <Hint
            id='channel_todo.sidebar.loading_more'
            defaultMessage='Loading more…'
        />
    );
}
