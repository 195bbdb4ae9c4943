import React from 'react';
import {useIntl} from 'react-intl';

import type {Priority} from '../../types/todo';

type Props = {
    priority?: Priority;
};

// Theme colours only, as an outlined pill: high in the error colour, medium outlined in the
// "away" yellow (text in the channel's own colour, since yellow text is unreadable on light
// themes), low as quiet text. The words say the priority; the colour only helps.
const tone: Record<Exclude<Priority, 'none'>, {color: string; borderColor: string}> = {
    high: {color: 'var(--error-text)', borderColor: 'var(--error-text)'},
    medium: {color: 'var(--center-channel-color)', borderColor: 'var(--away-indicator)'},
    low: {color: 'rgba(var(--center-channel-color-rgb), 0.72)', borderColor: 'rgba(var(--center-channel-color-rgb), 0.32)'},
};

const base = {
    display: 'inline-block',
    padding: '0 6px',
    borderRadius: '4px',
    border: '1px solid',
    fontSize: '11px',
    fontWeight: 600,
    lineHeight: '16px',
    textTransform: 'uppercase',
} as const;

/** A todo's priority as a small badge; nothing for none. */
export default function PriorityBadge({priority}: Props) {
    const intl = useIntl();
    if (!priority || priority === 'none') {
        return null;
    }
    return (
        <span
            className={`channel-todo-priority channel-todo-priority--${priority}`}
            style={{...base, ...tone[priority]}}
        >
            {priorityName(intl.formatMessage, priority)}
        </span>
    );
}

type Format = ReturnType<typeof useIntl>['formatMessage'];

/** The words for a priority in the sidebar. */
export function priorityName(format: Format, priority: Priority): string {
    switch (priority) {
    case 'high':
        return format({id: 'channel_todo.priority.high', defaultMessage: 'High'});
    case 'medium':
        return format({id: 'channel_todo.priority.medium', defaultMessage: 'Medium'});
    case 'low':
        return format({id: 'channel_todo.priority.low', defaultMessage: 'Low'});
    }
    return format({id: 'channel_todo.priority.none', defaultMessage: 'No priority'});
}
