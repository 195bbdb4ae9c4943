import React, {useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {FormattedMessage} from 'react-intl';

import type {UserProfile} from '@mattermost/types/users';
import {useDispatch, useSelector} from 'react-redux';

import {listLoaded, pageLoaded, todoRemoved, todoSaved} from '../../actions';
import defaultClient, {ClientError} from '../../client';
import {useErrorText} from '../../error_text';
import type {TodoClient} from '../../client';
import {useStableCallback} from '../../hooks/use_stable_callback';
import {firstPageSize, pageSize, savingChanges, useTodoActions} from '../../hooks/use_todo_actions';
import {useWindowedRows} from '../../hooks/use_windowed_rows';
import {loadedList} from '../../reducer';
import {getList} from '../../selectors';
import type {State} from '../../selectors';
import {channelListId} from '../../types/todo';
import type {Todo, TodoPage} from '../../types/todo';
import AddTodo from '../add_todo';
import {plainList} from '../link_button_style';
import ListView, {isNarrowed, plainView} from '../list_view';
import type {View} from '../list_view';
import SortedTodos from '../sorted_todos';
import {ActionsHeldBack, holdActionsBack} from '../todo_actions';
import TodoItem from '../todo_item';
import TodoNotices, {ErrorLine, Hint, Loading, LoadingMore, TextButton} from '../todo_notices';

export type Props = {
    channelId: string;
    client?: TodoClient;

    /** The first page, already read (with the tool question): shown without asking again. */
    initialPage?: TodoPage;
};

const style = {
    list: plainList,
    completed: {marginTop: '12px'},
    summary: {cursor: 'pointer', fontWeight: 600},
} as const;

/** The current channel's list: add, complete, edit, delete with undo, reorder. */
export default function ChannelTodos({channelId, client = defaultClient, initialPage}: Props) {
    const errorText = useErrorText();
    const dispatch = useDispatch();
    const listId = channelListId(channelId);
    const stored = useSelector((state: State) => getList(state, listId));

    // A first page read with the tool question shows in the very render that mounts the list,
    // until the store has it: the store's change reaches this component only once its
    // subscription is set up, after the first paint, which would show "Loading…" and render
    // the rows in a task of their own.
    const given = useMemo(() => (initialPage ? loadedList(initialPage.todos, initialPage.version, initialPage.next_cursor) : undefined), [initialPage]);
    const list = stored ?? given;
    const [loadError, setLoadError] = useState('');
    const [members, setMembers] = useState<UserProfile[] | null>(null);

    // A sorted or narrowed view is read from the server; changes made here read it again.
    const [view, setView] = useState<View>(plainView);
    const narrowed = isNarrowed(view);
    const [changesHere, setChangesHere] = useState(0);

    // The list lives in the store, so a change shows there first and goes back if refused.
    const saved = (todo: Todo) => dispatch(todoSaved(todo));
    const {setActionError, failed, remove, reset, notices} = useTodoActions(
        client,
        {hide: (todo) => dispatch(todoRemoved(todo)), rollback: saved},
        saved,
    );

    // The first page shows at once; the rest is read as the user scrolls toward it.
    // A first page read with the tool question is used once; later loads read again.
    const initial = useRef(initialPage);
    const load = useCallback(async () => {
        try {
            const given = initial.current;
            initial.current = undefined;
            const page = given ?? await client.listChannelTodos(channelId, {state: 'all', limit: firstPageSize});
            dispatch(listLoaded(listId, page.todos, page.version, page.next_cursor));
            setLoadError('');
        } catch (err) {
            setLoadError(errorText(err));
        }
    }, [client, channelId, listId, dispatch, errorText]);

    const nextCursor = list?.nextCursor;
    const reading = useRef('');
    const loadMore = useCallback(async () => {
        if (!nextCursor || reading.current === nextCursor || loadError) {
            return;
        }
        reading.current = nextCursor;
        try {
            const page = await client.listChannelTodos(channelId, {state: 'all', limit: pageSize, cursor: nextCursor});
            dispatch(pageLoaded(listId, nextCursor, page.todos, page.next_cursor));
        } catch (err) {
            setLoadError(errorText(err));
        } finally {
            reading.current = '';
        }
    }, [client, channelId, listId, dispatch, nextCursor, loadError, errorText]);

    // Before the browser paints: a first page read with the tool question shows in the frame
    // that mounts the list, not in one after it with "Loading…" in between.
    useLayoutEffect(() => {
        reset();
        setView(plainView);
        load();
    }, [load, reset]);

    const stale = list?.stale ?? false;
    useEffect(() => {
        if (stale) {
            load();
        }
    }, [stale, load]);

    const add = async (text: string) => {
        // The box reads the same one line as /todo add: "Ship it @ann due friday !high".
        const todo = await client.addChannelTodo(channelId, {text, parse: true});
        dispatch(todoSaved(todo));
    };

    // Optimistic: the checkbox moves at once and moves back, with a message, if the
    // server refuses.
    const toggle = async (todo: Todo, force = false) => {
        const done = todo.state === 'done';
        setActionError('');
        dispatch(todoSaved({...todo, state: done ? 'open' : 'done'}));
        try {
            dispatch(todoSaved(await (done ? client.reopenTodo(todo.id) : client.completeTodo(todo.id, force))));
        } catch (err) {
            dispatch(todoSaved(withRefusedCounts(todo, err)));
            failed(todo, err);
        }
    };

    const {edit, setAssignees, setDue, setPriority, setRecur} = savingChanges(client, saved);

    // Members are read once per channel, when a picker first needs them.
    const loadMembers = async () => {
        if (!members) {
            setMembers(await client.listChannelMembers(channelId));
        }
    };

    const todos = list?.todos;
    const open = useMemo(() => (todos ?? []).filter((t) => t.state === 'open'), [todos]);
    const done = useMemo(() => (todos ?? []).filter((t) => t.state === 'done'), [todos]);

    const move = async (todo: Todo, direction: 'up' | 'down') => {
        const i = open.findIndex((t) => t.id === todo.id);
        const afterId = direction === 'up' ? (open[i - 2]?.id ?? '') : open[i + 1]?.id;
        if (i < 0 || afterId === undefined) {
            return;
        }
        setActionError('');
        try {
            dispatch(todoSaved(await client.moveTodo(todo.id, afterId)));
        } catch (err) {
            failed(todo, err);
        }
    };

    // Dropped on a todo, the dragged one takes its place: moving down it goes after
    // the target, moving up it goes before it.
    const drop = async (draggedId: string, target: Todo) => {
        const from = open.findIndex((t) => t.id === draggedId);
        const to = open.findIndex((t) => t.id === target.id);
        if (from < 0 || to < 0 || from === to) {
            return;
        }
        const afterId = from < to ? target.id : (open[to - 1]?.id ?? '');
        setActionError('');
        try {
            dispatch(todoSaved(await client.moveTodo(draggedId, afterId)));
        } catch (err) {
            failed(open[from], err);
        }
    };

    // Rows are memoized: with handlers that keep their identity, a change re-renders
    // only the todo it touched.
    const handlers = {
        onToggle: useStableCallback(toggle),
        onEdit: useStableCallback(edit),
        onDelete: useStableCallback(remove),
        onMove: useStableCallback(move),
        onSetDue: useStableCallback(setDue),
        onSetPriority: useStableCallback(setPriority),
        onSetRecur: useStableCallback(setRecur),
        loadMembers: useStableCallback(loadMembers),
        onSetAssignees: useStableCallback(setAssignees),
        onDropHere: useStableCallback(drop),
        onChecklistChanged: useStableCallback(saved),
        client,
    };

    // In a sorted view a change may move the todo: each one, done or refused, reads the view again.
    const thenRead = <A extends unknown[]>(fn: (...args: A) => Promise<void> | void) => async (...args: A) => {
        try {
            await fn(...args);
        } finally {
            setChangesHere((n) => n + 1);
        }
    };
    const sortedHandlers = {
        ...handlers,
        onToggle: useStableCallback(thenRead(toggle)),
        onEdit: useStableCallback(thenRead(edit)),
        onDelete: useStableCallback(thenRead(remove)),
        onSetDue: useStableCallback(thenRead(setDue)),
        onSetPriority: useStableCallback(thenRead(setPriority)),
        onSetRecur: useStableCallback(thenRead(setRecur)),
        onSetAssignees: useStableCallback(thenRead(setAssignees)),
        onDropHere: undefined,
    };
    const sortedItem = (todo: Todo) => (
        <TodoItem
            key={todo.id}
            todo={todo}
            canMoveUp={false}
            canMoveDown={false}
            members={members}
            {...sortedHandlers}
        />
    );

    // The row with focus stays rendered when the window moves (read at the next render).
    const focused = useRef<string | undefined>();
    const openKeys = useMemo(() => open.map((t) => t.id), [open]);
    const rows = useWindowedRows({keys: openKeys, minimum: 30, onNearEnd: loadMore, keep: focused.current});

    const item = (todo: Todo, index: number, measure?: (el: HTMLElement | null) => void) => (
        <TodoItem
            key={todo.id}
            rowRef={measure}
            todo={todo}
            canMoveUp={todo.state === 'open' && index > 0}
            canMoveDown={todo.state === 'open' && index < open.length - 1}
            posInSet={todo.state === 'open' ? index + 1 : undefined}
            setSize={todo.state === 'open' ? (nextCursor ? -1 : open.length) : undefined}
            members={members}
            {...handlers}
        />
    );

    // The first frame shows the todos; their action bars follow once it is painted.
    return (
        <ActionsHeldBack.Provider value={holdActionsBack(rows.painted || open.length === 0)}>
            <div className='channel-todo-channel'>
                <AddTodo onAdd={narrowed ? thenRead(add) : add}/>
                <ListView
                    view={view}
                    onChange={setView}
                />
                <TodoNotices {...notices}/>
                {loadError && (
                    <ErrorLine>
                        <FormattedMessage
                            id='channel_todo.sidebar.load_failed'
                            defaultMessage='Could not load the todos: {error}'
                            values={{error: loadError}}
                        />
                        {' '}
                        <TextButton
                            id='channel_todo.sidebar.retry'
                            defaultMessage='Try again'
                            onClick={load}
                        />
                    </ErrorLine>
                )}
                {!list && !loadError && <Loading/>}
                {narrowed && list && (
                    <SortedTodos
                        channelId={channelId}
                        client={client}
                        view={view}
                        refresh={`${list.version}:${changesHere}`}
                        item={sortedItem}
                    />
                )}
                {!narrowed && list && open.length === 0 && !nextCursor && (
                    <Hint
                        id='channel_todo.sidebar.empty'
                        defaultMessage='No todos yet'
                    />
                )}
                {!narrowed && open.length > 0 && (
                    <ul
                        ref={rows.listRef}
                        style={style.list}
                        onFocus={(e) => {
                            focused.current = (e.target as HTMLElement).closest<HTMLElement>('[data-todo-id]')?.dataset.todoId;
                        }}
                    >
                        {rows.before > 0 && (
                            <li
                                aria-hidden='true'
                                style={{height: rows.before}}
                            />
                        )}
                        {open.slice(rows.start, rows.end).map((todo, i) => item(todo, rows.start + i, rows.measure(todo.id)))}
                        {rows.after > 0 && (
                            <li
                                aria-hidden='true'
                                style={{height: rows.after}}
                            />
                        )}
                    </ul>
                )}
                {!narrowed && nextCursor && !loadError && <LoadingMore/>}
                {done.length > 0 && (
                    <details style={style.completed}>
                        <summary style={style.summary}>
                            {nextCursor ? (
                                <FormattedMessage
                                    id='channel_todo.completed_so_far'
                                    defaultMessage='Completed ({count} so far)'
                                    values={{count: done.length}}
                                />
                            ) : (
                                <FormattedMessage
                                    id='channel_todo.completed'
                                    defaultMessage='Completed ({count})'
                                    values={{count: done.length}}
                                />
                            )}
                        </summary>
                        <ul style={style.list}>{done.map((todo, i) => item(todo, i))}</ul>
                    </details>
                )}
            </div>
        </ActionsHeldBack.Provider>
    );
}

// A completion refused for checklist items the list did not know were open yet (someone added
// one meanwhile): the server's counts, so that the next tick asks before completing it anyway.
function withRefusedCounts(todo: Todo, err: unknown): Todo {
    if (!(err instanceof ClientError) || err.code !== 'items_open') {
        return todo;
    }
    const {Open: open, Total: total} = err.params;
    if (typeof open !== 'number' || typeof total !== 'number') {
        return todo;
    }
    return {...todo, items_total: total, items_done: total - open};
}
