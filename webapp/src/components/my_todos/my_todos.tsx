import React, {useCallback, useEffect, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import type {Channel} from '@mattermost/types/channels';
import type {GlobalState} from '@mattermost/types/store';

import defaultClient, {siteBase} from '../../client';
import type {TodoClient} from '../../client';
import {getChangeCount, getReconnectCount} from '../../selectors';
import type {State} from '../../selectors';
import type {Todo} from '../../types/todo';
import AddTodo from '../add_todo';
import TodoText from '../todo_text';

export type Props = {
    client?: TodoClient;
};

type Group = {key: string; channel?: Channel; personal: boolean; todos: Todo[]};

const style = {
    group: {margin: '12px 0 4px', fontSize: '14px', fontWeight: 600},
    list: {listStyle: 'none', margin: 0, padding: 0},
    item: {display: 'flex', gap: '8px', alignItems: 'flex-start', padding: '4px 0'},
    number: {color: 'rgba(var(--center-channel-color-rgb), 0.64)', marginRight: '4px'},
    muted: {color: 'rgba(var(--center-channel-color-rgb), 0.64)', margin: '8px 0'},
    error: {color: 'var(--error-text)', margin: '8px 0'},
    link: {color: 'var(--link-color)'},
} as const;

function groupByList(todos: Todo[], channels: Record<string, Channel>): Group[] {
    const groups = new Map<string, Group>();
    for (const todo of todos) {
        const personal = todo.scope.kind === 'personal';
        const key = todo.list_id;
        const group = groups.get(key) ?? {
            key,
            personal,
            channel: todo.scope.kind === 'channel' ? channels[todo.scope.channel_id] : undefined,
            todos: [],
        };
        group.todos.push(todo);
        groups.set(key, group);
    }

    // Personal first, then channels by name.
    return [...groups.values()].sort((a, b) => {
        if (a.personal !== b.personal) {
            return a.personal ? -1 : 1;
        }
        return (a.channel?.display_name ?? '').localeCompare(b.channel?.display_name ?? '');
    });
}

function message(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

/** My personal list and everything assigned to me, grouped by channel. */
export default function MyTodos({client = defaultClient}: Props) {
    const intl = useIntl();
    const changes = useSelector((state: State) => getChangeCount(state));
    const reconnects = useSelector((state: State) => getReconnectCount(state));
    const channels = useSelector((state: GlobalState) => state.entities.channels.channels);
    const teams = useSelector((state: GlobalState) => state.entities.teams.teams);
    const [todos, setTodos] = useState<Todo[] | null>(null);
    const [error, setError] = useState('');

    const load = useCallback(async () => {
        try {
            const page = await client.listMine({state: 'open', limit: 200});
            setTodos(page.todos);
            setError('');
        } catch (err) {
            setError(message(err));
        }
    }, [client]);

    // The view spans lists, so any announced change (or a reconnect) refetches it.
    useEffect(() => {
        load();
    }, [load, changes, reconnects]);

    const complete = async (todo: Todo) => {
        setTodos((current) => current && current.filter((t) => t.id !== todo.id));
        try {
            await client.completeTodo(todo.id);
        } catch (err) {
            setError(intl.formatMessage({id: 'channel_todo.todo.failed', defaultMessage: 'Could not change #{number}: {error}'}, {number: todo.number, error: message(err)}));
        }
        load();
    };

    const add = async (text: string) => {
        await client.addMyTodo({text});
        await load();
    };

    const groupName = (group: Group) => {
        if (group.personal) {
            return intl.formatMessage({id: 'channel_todo.mine.personal', defaultMessage: 'Personal'});
        }
        if (!group.channel) {
            return intl.formatMessage({id: 'channel_todo.mine.other_channel', defaultMessage: 'Other channel'});
        }
        const team = teams[group.channel.team_id];
        const name = group.channel.display_name;
        const channelPath = team ? `/${team.name}/channels/${group.channel.name}` : '';
        return team ? (
            <a
                style={style.link}
                href={`${siteBase()}${channelPath}`}
                onClick={(e) => {
                    // Inside the web client, switch channels without reloading the page.
                    const history = (window as {WebappUtils?: {browserHistory?: {push(path: string): void}}}).WebappUtils?.browserHistory;
                    if (history && typeof history.push === 'function') {
                        e.preventDefault();
                        history.push(channelPath);
                    }
                }}
            >
                {name}
            </a>
        ) : name;
    };

    return (
        <div className='channel-todo-mine'>
            <AddTodo onAdd={add}/>
            {error && (
                <p
                    role='alert'
                    style={style.error}
                >
                    {error}
                </p>
            )}
            {todos === null && !error && (
                <p style={style.muted}>
                    <FormattedMessage
                        id='channel_todo.sidebar.loading'
                        defaultMessage='Loading…'
                    />
                </p>
            )}
            {todos?.length === 0 && (
                <p style={style.muted}>
                    <FormattedMessage
                        id='channel_todo.mine.empty'
                        defaultMessage='Nothing on your list'
                    />
                </p>
            )}
            {todos && groupByList(todos, channels).map((group) => (
                <section
                    key={group.key}
                    aria-labelledby={`channel-todo-mine-${group.key}`}
                >
                    <h3
                        id={`channel-todo-mine-${group.key}`}
                        style={style.group}
                    >
                        {groupName(group)}
                    </h3>
                    <ul style={style.list}>
                        {group.todos.map((todo) => (
                            <li
                                key={todo.id}
                                style={style.item}
                            >
                                <input
                                    type='checkbox'
                                    checked={false}
                                    aria-label={intl.formatMessage({id: 'channel_todo.todo.done', defaultMessage: 'Done: #{number}'}, {number: todo.number})}
                                    onChange={() => complete(todo)}
                                />
                                <div>
                                    <span style={style.number}>{`#${todo.number}`}</span>
                                    <TodoText text={todo.text}/>
                                </div>
                            </li>
                        ))}
                    </ul>
                </section>
            ))}
        </div>
    );
}
