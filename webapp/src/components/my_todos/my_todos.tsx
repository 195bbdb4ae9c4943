import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import type {GlobalState} from '@mattermost/types/store';

import defaultClient from '../../client';
import {useErrorText} from '../../error_text';
import type {TodoClient} from '../../client';
import {firstPageSize, pageSize, savingChanges, useTodoActions} from '../../hooks/use_todo_actions';
import {useWindowedRows} from '../../hooks/use_windowed_rows';
import {followInClient, hrefOf} from '../../navigation';
import {getChangeCount, getChannel, getChannelLabel, getReconnectCount} from '../../selectors';
import type {ChannelLabel} from '../../selectors';
import type {State} from '../../selectors';
import type {UserProfile} from '@mattermost/types/users';

import type {Todo} from '../../types/todo';
import AddTodo from '../add_todo';
import {plainList} from '../link_button_style';
import ListView, {isNarrowed, plainView} from '../list_view';
import type {View} from '../list_view';
import TodoItem from '../todo_item';
import TodoNotices, {ErrorLine, Hint, Loading, LoadingMore} from '../todo_notices';

export type Props = {
    client?: TodoClient;

    /** Only the todos assigned to me in channels: a command-line tool keeps my personal list. */
    assignedOnly?: boolean;
};

type Group = {key: string; label?: ChannelLabel; personal: boolean; todos: Todo[]};

const style = {
    group: {margin: '12px 0 4px', fontSize: '14px', fontWeight: 600},
    list: plainList,
    link: {color: 'var(--link-color)'},
} as const;

function groupOf(todo: Todo, key: string, labels: Record<string, ChannelLabel>): Group {
    return {
        key,
        personal: todo.scope.kind === 'personal',
        label: todo.scope.kind === 'channel' ? labels[todo.scope.channel_id] : undefined,
        todos: [],
    };
}

/**
 * In Mine's own order, one group per list, personal first, then channels by name. Sorted by
 * priority or due date, the server's order across lists is the point: the todos stay in it,
 * and each run of todos from one list gets its heading.
 */
function groupByList(todos: Todo[], labels: Record<string, ChannelLabel>, sorted: boolean): Group[] {
    if (sorted) {
        const runs: Group[] = [];
        for (const todo of todos) {
            let run = runs.at(-1);
            if (!run || run.todos[0].list_id !== todo.list_id) {
                run = groupOf(todo, `${todo.list_id}-${runs.length}`, labels);
                runs.push(run);
            }
            run.todos.push(todo);
        }
        return runs;
    }
    const groups = new Map<string, Group>();
    for (const todo of todos) {
        const group = groups.get(todo.list_id) ?? groupOf(todo, todo.list_id, labels);
        group.todos.push(todo);
        groups.set(todo.list_id, group);
    }

    // Personal first, then channels by name.
    return [...groups.values()].sort((a, b) => {
        if (a.personal !== b.personal) {
            return a.personal ? -1 : 1;
        }
        return (a.label?.name ?? '').localeCompare(b.label?.name ?? '');
    });
}

// Mine spans lists and has no order of its own to change.
const noMove = () => undefined;

function sameLabels(a: Record<string, ChannelLabel>, b: Record<string, ChannelLabel>): boolean {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => b[k] && a[k].name === b[k].name && a[k].path === b[k].path);
}

/** The names and paths of the channels the todos are in, as the web client shows them. */
export function useChannelLabels(todos: Todo[] | null): Record<string, ChannelLabel> {
    const ids = [...new Set((todos ?? []).flatMap((t) => (t.scope.kind === 'channel' ? [t.scope.channel_id] : [])))];
    return useSelector((state: GlobalState) => {
        const labels: Record<string, ChannelLabel> = {};
        for (const id of ids) {
            const channel = getChannel(state, id);
            if (channel) {
                labels[id] = getChannelLabel(state, channel);
            }
        }
        return labels;
    }, sameLabels);
}

/** My personal list and everything assigned to me, grouped by channel. */
export default function MyTodos({client = defaultClient, assignedOnly = false}: Props) {
    const intl = useIntl();
    const errorText = useErrorText();
    const changes = useSelector((state: State) => getChangeCount(state));
    const reconnects = useSelector((state: State) => getReconnectCount(state));
    const [todos, setTodos] = useState<Todo[] | null>(null);
    const [error, setError] = useState('');
    const [members, setMembers] = useState<Record<string, UserProfile[]>>({});
    const labels = useChannelLabels(todos);

    const [nextCursor, setNextCursor] = useState<string | undefined>();
    const shown = useRef(0);
    const mine = useCallback((all: Todo[]) => (assignedOnly ? all.filter((t) => t.scope.kind === 'channel') : all), [assignedOnly]);

    // The sort and filter are the server's (GET /users/me/mine takes the list's parameters).
    const [view, setView] = useState<View>(plainView);
    const changeView = (next: View) => {
        shown.current = 0;
        setView(next);
    };
    const read = useCallback((extra: {cursor?: string; limit: number}) => client.listMine({
        state: 'open',
        sort: view.sort === 'position' ? undefined : view.sort,
        priority: view.priority || undefined,
        assignee: view.mine ? 'me' : undefined,
        ...extra,
    }), [client, view.sort, view.priority, view.mine]);

    // The first page shows at once. Read again after a change, the view keeps as many todos
    // as it showed, so the place the user scrolled to stays.
    const load = useCallback(async () => {
        try {
            let page = await read({limit: firstPageSize});
            const all = [...page.todos];
            while (page.next_cursor && all.length < shown.current) {
                page = await read({limit: pageSize, cursor: page.next_cursor});
                all.push(...page.todos);
            }
            shown.current = all.length;
            setTodos(mine(all));
            setNextCursor(page.next_cursor);
            setError('');
        } catch (err) {
            setError(errorText(err));
        }
    }, [read, mine, errorText]);

    // Further pages as the user scrolls toward the end, as many as there are.
    const reading = useRef('');
    const loadMore = useCallback(async () => {
        if (!nextCursor || reading.current === nextCursor || error) {
            return;
        }
        reading.current = nextCursor;
        try {
            const page = await read({limit: pageSize, cursor: nextCursor});
            shown.current += page.todos.length;
            setTodos((current) => {
                const known = new Set((current ?? []).map((t) => t.id));
                return [...(current ?? []), ...mine(page.todos).filter((t) => !known.has(t.id))];
            });
            setNextCursor(page.next_cursor);
        } catch (err) {
            setError(errorText(err));
        } finally {
            reading.current = '';
        }
    }, [read, mine, nextCursor, error, errorText]);

    const keys = useMemo(() => (todos ?? []).map((t) => t.id), [todos]);
    const rows = useWindowedRows({keys, minimum: Infinity, onNearEnd: loadMore});

    // The view is read from the server, not the store: a change hides the todo here and a
    // refusal (or an Undo) reads the view again. The action error stays apart from the load
    // error, so reading again does not hide why an action failed.
    const {setActionError, failed, remove, notices} = useTodoActions(
        client,
        {hide: (todo) => setTodos((current) => current && current.filter((t) => t.id !== todo.id)), rollback: () => load()},
        () => load(),
    );

    // The view spans lists, so any announced change (or a reconnect) refetches it.
    useEffect(() => {
        load();
    }, [load, changes, reconnects]);

    const replace = (todo: Todo) => {
        setTodos((current) => current && current.map((t) => (t.id === todo.id ? todo : t)));
    };

    // Optimistic: a completed todo leaves the view at once and comes back, with a
    // message, if the server refuses.
    const complete = async (todo: Todo, force = false) => {
        setActionError('');
        setTodos((current) => current && current.filter((t) => t.id !== todo.id));
        try {
            await client.completeTodo(todo.id, force);
        } catch (err) {
            failed(todo, err);
        }
        load();
    };

    const {edit, setDue, setPriority, setRecur} = savingChanges(client, replace);

    // Members of a todo's channel, read once per channel when a picker needs them.
    const channelOf = (todo: Todo) => (todo.scope.kind === 'channel' ? todo.scope.channel_id : '');
    const loadMembers = async (todo: Todo) => {
        const channelId = channelOf(todo);
        if (channelId && !members[channelId]) {
            const list = await client.listChannelMembers(channelId);
            setMembers((current) => ({...current, [channelId]: list}));
        }
    };

    const setAssignees = async (todo: Todo, userIds: string[]) => {
        const saved = await client.setAssignees(todo.id, userIds);

        // Unassigned from me, it is no longer mine.
        load();
        replace(saved);
    };

    const add = async (text: string) => {
        await client.addMyTodo({text, parse: true});
        await load();
    };

    const groupName = (group: Group) => {
        if (group.personal) {
            return intl.formatMessage({id: 'channel_todo.mine.personal', defaultMessage: 'Personal'});
        }
        const label = group.label;
        if (!label?.name) {
            return intl.formatMessage({id: 'channel_todo.mine.other_channel', defaultMessage: 'Other channel'});
        }
        return label.path ? (
            <a
                style={style.link}
                href={hrefOf(label.path)}
                onClick={(e) => followInClient(e, label.path)}
            >
                {label.name}
            </a>
        ) : label.name;
    };

    return (
        <div className='channel-todo-mine'>
            {!assignedOnly && <AddTodo onAdd={add}/>}
            <ListView
                view={view}
                onChange={changeView}
                ownOrder='oldest'
            />
            <TodoNotices {...notices}/>
            {error && <ErrorLine>{error}</ErrorLine>}
            {todos === null && !error && <Loading/>}
            {todos?.length === 0 && !assignedOnly && !isNarrowed(view) && (
                <Hint
                    id='channel_todo.mine.empty'
                    defaultMessage='Nothing on your list'
                />
            )}
            {todos?.length === 0 && isNarrowed(view) && (
                <Hint
                    id='channel_todo.view.empty'
                    defaultMessage='No open todos match'
                />
            )}
            <div ref={rows.listRef}>
                {todos && groupByList(todos, labels, view.sort !== 'position').map((group) => (
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
                                <TodoItem
                                    key={todo.id}
                                    todo={todo}
                                    canMoveUp={false}
                                    canMoveDown={false}
                                    onToggle={complete}
                                    onChecklistChanged={replace}
                                    client={client}
                                    onEdit={edit}
                                    onDelete={remove}
                                    onMove={noMove}
                                    onSetDue={setDue}
                                    onSetPriority={setPriority}
                                    onSetRecur={setRecur}
                                    members={members[channelOf(todo)] ?? null}
                                    loadMembers={loadMembers}
                                    onSetAssignees={group.personal ? undefined : setAssignees}
                                />
                            ))}
                        </ul>
                    </section>
                ))}
            </div>
            {nextCursor && !error && <LoadingMore/>}
        </div>
    );
}
