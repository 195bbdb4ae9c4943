import React, {useEffect} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {Notice, SidebarView} from '../../actions';
import defaultClient from '../../client';
import type {TodoClient} from '../../client';
import {firstPageSize} from '../../hooks/use_todo_actions';
import ChannelTodos from '../channel_todos';
import MySettings from '../my_settings';
import MyTodos from '../my_todos';
import {Hint, StatusNotice} from '../todo_notices';
import TodoSearch from '../todo_search';
import ToolGate from '../tool_gate';

import {readMineAhead, useSidebarShown} from './read_ahead';

export type Props = {

    /** The channel the host shows; absent outside a channel. */
    channelId?: string;
    channelName?: string;
    notice: Notice | null;
    onDismissNotice: () => void;
    view: SidebarView;
    onChooseView: (view: SidebarView) => void;
    client?: TodoClient;

    /** The user's theme, as the web client passes it to sidebar components. */
    theme?: {centerChannelBg?: string};
};

type View = SidebarView;

/**
 * Whether a colour (#rgb, #rrggbb or rgb()) is dark. The browser draws its own date and
 * time pickers, and draws them for a dark page only when told with color-scheme.
 */
export function isDark(colour: string | undefined): boolean | undefined {
    if (!colour) {
        return undefined;
    }
    let rgb: number[] | undefined;
    const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
    if (hex) {
        const h = hex[1].length === 3 ? hex[1].split('').map((c) => c + c).join('') : hex[1];
        rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
    } else {
        const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(colour.trim());
        rgb = fn ? fn.slice(1, 4).map(Number) : undefined;
    }
    if (!rgb) {
        return undefined;
    }
    const [r, g, b] = rgb;
    return (0.299 * r) + (0.587 * g) + (0.114 * b) < 128;
}

const style = {
    container: {
        padding: '12px 16px',
        color: 'var(--center-channel-color)',
        background: 'var(--center-channel-bg)',
        height: '100%',
        overflowY: 'auto',
    },
    heading: {fontSize: '16px', fontWeight: 600, margin: '0 0 12px'},
    tabs: {display: 'flex', gap: '4px', marginBottom: '12px', borderBottom: '1px solid rgba(var(--center-channel-color-rgb), 0.16)'},
    tab: {
        background: 'none',
        border: 'none',
        borderBottom: '2px solid transparent',
        padding: '6px 12px',
        color: 'rgba(var(--center-channel-color-rgb), 0.72)',
        font: 'inherit',
        fontWeight: 600,
        cursor: 'pointer',
    },
    selected: {borderBottom: '2px solid var(--button-bg)', color: 'var(--button-bg)'},
    empty: {color: 'rgba(var(--center-channel-color-rgb), 0.64)', margin: 0},
    notice: {
        display: 'flex',
        justifyContent: 'space-between',
        gap: '8px',
        padding: '6px 8px',
        marginBottom: '8px',
        borderRadius: '4px',
        background: 'rgba(var(--button-bg-rgb), 0.08)',
    },
} as const;

/** The right-hand sidebar: the current channel's list, or my todos across channels. */
export default function Sidebar({channelId, channelName, notice, onDismissNotice, view, onChooseView: setView, client, theme}: Props) {
    const intl = useIntl();
    useSidebarShown();

    // Mine's first page is read while the tool question is asked, not after its answer.
    useEffect(() => {
        if (view === 'mine') {
            readMineAhead(client ?? defaultClient);
        }
    }, [view, client]);
    const dark = isDark(theme?.centerChannelBg);
    const containerStyle = dark === undefined ? style.container : {...style.container, colorScheme: dark ? 'dark' : 'light'};

    const tab = (id: View, label: React.ReactNode) => (
        <button
            type='button'
            role='tab'
            id={`channel-todo-tab-${id}`}
            aria-selected={view === id}
            aria-controls='channel-todo-panel'
            tabIndex={view === id ? 0 : -1}
            style={view === id ? {...style.tab, ...style.selected} : style.tab}
            onClick={() => setView(id)}
            onKeyDown={(e) => {
                if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
                    e.preventDefault();
                    const next = view === 'channel' ? 'mine' : 'channel';
                    setView(next);
                    document.getElementById(`channel-todo-tab-${next}`)?.focus();
                }
            }}
        >
            {label}
        </button>
    );

    return (
        <section
            className='channel-todo-sidebar'
            style={containerStyle}
            aria-labelledby='channel-todo-sidebar-heading'
        >
            <h2
                id='channel-todo-sidebar-heading'
                style={style.heading}
            >
                {view === 'mine' && (
                    <FormattedMessage
                        id='channel_todo.mine.heading'
                        defaultMessage='My todos'
                    />
                )}
                {view === 'channel' && channelName && (
                    <FormattedMessage
                        id='channel_todo.sidebar.heading'
                        defaultMessage='Todos in {channel}'
                        values={{channel: channelName}}
                    />
                )}
                {view === 'channel' && !channelName && (
                    <FormattedMessage
                        id='channel_todo.sidebar.heading_no_channel'
                        defaultMessage='Todos'
                    />
                )}
            </h2>
            <TodoSearch client={client}/>
            <div
                role='tablist'
                aria-label={intl.formatMessage({id: 'channel_todo.sidebar.views', defaultMessage: 'Todo views'})}
                style={style.tabs}
            >
                {tab('channel', intl.formatMessage({id: 'channel_todo.sidebar.tab_channel', defaultMessage: 'Channel'}))}
                {tab('mine', intl.formatMessage({id: 'channel_todo.sidebar.tab_mine', defaultMessage: 'Mine'}))}
            </div>
            {notice && (
                <StatusNotice
                    onDismiss={onDismissNotice}
                    style={style.notice}
                >
                    <span>{intl.formatMessage({id: notice.id}, notice.values)}</span>
                </StatusNotice>
            )}
            <div
                role='tabpanel'
                id='channel-todo-panel'
                aria-labelledby={`channel-todo-tab-${view}`}
            >
                {view === 'mine' && (
                    <ToolGate
                        scope={{kind: 'personal'}}
                        client={client}
                        after={(
                            <MyTodos
                                client={client}
                                assignedOnly={true}
                            />
                        )}
                    >
                        <MyTodos client={client}/>
                    </ToolGate>
                )}
                {view === 'mine' && <MySettings client={client}/>}
                {view === 'channel' && channelId && (
                    <ToolGate
                        key={channelId}
                        scope={{kind: 'channel', channelId}}
                        client={client}
                        firstPage={firstPageSize}
                    >
                        {(page) => (
                            <ChannelTodos
                                channelId={channelId}
                                client={client}
                                initialPage={page}
                            />
                        )}
                    </ToolGate>
                )}
                {view === 'channel' && !channelId && (
                    <Hint
                        id='channel_todo.sidebar.empty'
                        defaultMessage='No todos yet'
                        style={style.empty}
                    />
                )}
            </div>
        </section>
    );
}
