import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import type {GlobalState} from '@mattermost/types/store';

import defaultClient from '../../client';
import {useErrorText} from '../../error_text';
import type {ListQuery, TodoClient} from '../../client';
import {firstPageSize, pageSize, savingChanges, useTodoActions} from '../../hooks/use_todo_actions';
import {useStableCallback} from '../../hooks/use_stable_callback';
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
import {ActionsHeldBack, holdActionsBack} from '../todo_actions';
import TodoItem from '../todo_item';
import TodoNotices, {ErrorLine, Hint, Loading, LoadingMore} from '../todo_notices';

import {flatten, groupByList, headingKey, runsOf} from './mine_rows';
import type {Group} from './mine_rows';

export type Props = {
    client?: TodoClient;

    /** Only the todos assigned to me in channels: a command-line tool keeps my personal list. */
    assignedOnly?: boolean;
};

const style = {
    // Padding, not margin: a heading's measured height (offsetHeight) is all the room it takes.
    group: {margin: 0, padding: '12px 0 4px', fontSize: '14px', fontWeight: 600},
    list: plainList,
    link: {color: 'var(--link-color)'},
} as const;

// Mine spans lists and has no order of its own to change.
const noMove = () => undefined;

function sameLabels(a: Record<string, ChannelLabel>, b: Record<string, ChannelLabel>): boolean {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => b[k] && a[k].name === b[k].name && a[k].path === b[k].path);
}

/** What Mine asks the server for in a view (GET /users/me/mine takes the list's parameters). */
export function mineQuery(view: View, extra: {cursor?: string; limit: number}): ListQuery {
    return {
        state: 'open',
        sort: view.sort === 'position' ? undefined : view.sort,
        priority: view.priority || undefined,
        assignee: view.mine ? 'me' : undefined,
        ...extra,
    };
}

/** Mine's first page as it first shows (read ahead while the tool question is asked). */
export const firstMineQuery = mineQuery(plainView, {limit: firstPageSize});

/**
 * The todos read again, each one that did not change kept as the object shown before: a
 * memoized row then renders again only for a todo that changed.
 */
function sameWhereUnchanged(current: Todo[] | null, next: Todo[]): Todo[] {
    const shown = new Map((current ?? []).map((t) => [t.id, t]));
    return next.map((todo) => {
        const before = shown.get(todo.id);
        return before && before.updated_at === todo.updated_at && JSON.stringify(before) === JSON.stringify(todo) ? before : todo;
    });
}

/** The names and paths of the channels the todos are in, as the web client shows them. */
export function useChannelLabels(todos: Todo[] | null): Record<string, ChannelLabel> {
    const ids = useMemo(() => [...new Set((todos ?? []).flatMap((t) => (t.scope.kind === 'channel' ? [t.scope.channel_id] : [])))], [todos]);
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
    const read = useCallback((extra: {cursor?: string; limit: number}) => client.listMine(mineQuery(view, extra)),

    // view's parts are what matter, not its identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, view.sort, view.priority, view.mine]);

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
            setTodos((current) => sameWhereUnchanged(current, mine(all)));
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

    // Headings and todos are one windowed sequence; the row with focus stays in the page
    // when the window moves (read at the next render).
    const sorted = view.sort !== 'position';
    const flat = useMemo(() => flatten(todos ? groupByList(todos, labels, sorted) : []), [todos, labels, sorted]);
    const keys = useMemo(() => flat.map((row) => row.key), [flat]);
    const focused = useRef<string | undefined>();
    const rows = useWindowedRows({keys, minimum: 30, onNearEnd: loadMore, keep: focused.current});

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

    // Rows are memoized: with handlers that keep their identity, a change (or the window
    // moving) re-renders only the rows it touched.
    const handlers = {
        onToggle: useStableCallback(complete),
        onChecklistChanged: useStableCallback(replace),
        onEdit: useStableCallback(edit),
        onDelete: useStableCallback(remove),
        onSetDue: useStableCallback(setDue),
        onSetPriority: useStableCallback(setPriority),
        onSetRecur: useStableCallback(setRecur),
        loadMembers: useStableCallback(loadMembers),
    };
    const assign = useStableCallback(setAssignees);

    const plainName = (group: Group) => {
        if (group.personal) {
            return intl.formatMessage({id: 'channel_todo.mine.personal', defaultMessage: 'Personal'});
        }
        return group.label?.name || intl.formatMessage({id: 'channel_todo.mine.other_channel', defaultMessage: 'Other channel'});
    };
    const groupName = (group: Group) => {
        const label = group.label;
        return !group.personal && label?.name && label.path ? (
            <a
                style={style.link}
                href={hrefOf(label.path)}
                onClick={(e) => followInClient(e, label.path)}
            >
                {label.name}
            </a>
        ) : plainName(group);
    };

    // The first frame shows the todos; their action bars follow once it is painted.
    return (
        <ActionsHeldBack.Provider value={holdActionsBack(rows.painted)}>
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
                <div
                    ref={rows.listRef}
                    className='channel-todo-mine-rows'
                    onFocus={(e) => {
                        focused.current = (e.target as HTMLElement).closest<HTMLElement>('[data-row-key]')?.dataset.rowKey;
                    }}
                >
                    {rows.before > 0 && (
                        <div
                            aria-hidden='true'
                            style={{height: rows.before}}
                        />
                    )}
                    {runsOf(flat.slice(rows.start, rows.end)).map(({group, heading, todos: shown}) => (

                        // A group whose heading is out of the window keeps its name on the section.
                        <section
                            key={group.key}
                            aria-labelledby={heading ? `channel-todo-mine-${group.key}` : undefined}
                            aria-label={heading ? undefined : plainName(group)}
                        >
                            {heading && (
                                <h3
                                    ref={rows.measure(headingKey(group))}
                                    id={`channel-todo-mine-${group.key}`}
                                    style={style.group}
                                >
                                    {groupName(group)}
                                </h3>
                            )}
                            <ul style={style.list}>
                                {shown.map((todo) => (
                                    <TodoItem
                                        key={todo.id}
                                        rowRef={rows.measure(todo.id)}
                                        todo={todo}
                                        canMoveUp={false}
                                        canMoveDown={false}
                                        onMove={noMove}
                                        client={client}
                                        members={members[channelOf(todo)] ?? null}
                                        onSetAssignees={group.personal ? undefined : assign}
                                        {...handlers}
                                    />
                                ))}
                            </ul>
                        </section>
                    ))}
                    {rows.after > 0 && (
                        <div
                            aria-hidden='true'
                            style={{height: rows.after}}
                        />
                    )}
                </div>
                {nextCursor && !error && <LoadingMore/>}
            </div>
        </ActionsHeldBack.Provider>
    );
}
