import React from 'react';
import {FormattedMessage} from 'react-intl';

export type Props = {

    /** Display name of the channel the host shows; absent outside a channel. */
    channelName?: string;
};

const style = {
    container: {
        padding: '12px 16px',
        color: 'var(--center-channel-color)',
        background: 'var(--center-channel-bg)',
        height: '100%',
        overflowY: 'auto',
    },
    heading: {
        fontSize: '16px',
        fontWeight: 600,
        margin: '0 0 12px',
    },
    empty: {
        color: 'rgba(var(--center-channel-color-rgb), 0.64)',
        margin: 0,
    },
} as const;

/** The right-hand sidebar: the current channel's todo list. */
export default function Sidebar({channelName}: Props) {
    return (
        <section
            className='channel-todo-sidebar'
            style={style.container}
            aria-labelledby='channel-todo-sidebar-heading'
        >
            <h2
                id='channel-todo-sidebar-heading'
                style={style.heading}
            >
                {channelName ? (
                    <FormattedMessage
                        id='channel_todo.sidebar.heading'
                        defaultMessage='Todos in {channel}'
                        values={{channel: channelName}}
                    />
                ) : (
                    <FormattedMessage
                        id='channel_todo.sidebar.heading_no_channel'
                        defaultMessage='Todos'
                    />
                )}
            </h2>
            <p style={style.empty}>
                <FormattedMessage
                    id='channel_todo.sidebar.empty'
                    defaultMessage='No todos yet'
                />
            </p>
        </section>
    );
}
