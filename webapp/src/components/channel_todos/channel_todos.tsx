import React, {useCallback, useEffect, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {UserProfile} from '@mattermost/types/users';
import {useDispatch, useSelector} from 'react-redux';

import {listLoaded, todoRemoved, todoSaved} from '../../actions';
import defaultClient from '../../client';
import type {TodoClient} from '../../client';
import {getList} from '../../selectors';
import type {State} from '../../selectors';
import {channelListId} from '../../types/todo';
import type {Due, Todo} from '../../types/todo';
import AddTodo from '../add_todo';
import TodoItem from '../todo_item';

export type Props = {
    channelId: string;
    client?: TodoClient;
};

// One request's worth is the common case; a long list is read page by page.
const pageSize = 200;
const maxPages = 25;

const style = {
    list: {listStyle: 'none', margin: 0, padding: 0},
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
    completed: {marginTop: '12px'},
    summary: {cursor: 'pointer', fontWeight: 600},
} as const;

function message(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

/** The current channel's list: add, complete, edit, delete with undo, reorder. */
export default function ChannelTodos({channelId, client = defaultClient}: Props) {
    const intl = useIntl();
    const dispatch = useDispatch();
    const listId = channelListId(channelId);
    const list = useSelector((state: State) => getList(state, listId));
    const [loadError, setLoadError] = useState('');
    const [actionError, setActionError] = useState('');
    const [deleted, setDeleted] = useState<Todo | null>(null);
    const [members, setMembers] = useState<UserProfile[] | null>(null);

    const load = useCallback(async () => {
        try {
            let page = await client.listChannelTodos(channelId, {state: 'all', limit: pageSize});
            const todos = [...page.todos];

            // Events newer than the first page's version apply on top of the whole read.
            const version = page.version;
            for (let i = 1; page.next_cursor && i < maxPages; i++) {
                page = await client.listChannelTodos(channelId, {state: 'all', limit: pageSize, cursor: page.next_cursor});
                todos.push(...page.todos);
            }
            dispatch(listLoaded(listId, todos, version));
            setLoadError('');
        } catch (err) {
            setLoadError(message(err));
        }
    }, [client, channelId, listId, dispatch]);

    useEffect(() => {
        setActionError('');
        setDeleted(null);
        load();
    }, [load]);

    const stale = list?.stale ?? false;
    useEffect(() => {
        if (stale) {
            load();
        }
    }, [stale, load]);

    const failed = (todo: Todo, err: unknown) => {
        setActionError(intl.formatMessage({id: 'channel_todo.todo.failed', defaultMessage: 'Could not change #{number}: {error}'}, {number: todo.number, error: message(err)}));
    };

    const add = async (text: string) => {
        const todo = await client.addChannelTodo(channelId, {text});
        dispatch(todoSaved(todo));
    };

    // Optimistic: the checkbox moves at once and moves back, with a message, if the
    // server refuses.
    const toggle = async (todo: Todo) => {
        const done = todo.state === 'done';
        setActionError('');
        dispatch(todoSaved({...todo, state: done ? 'open' : 'done'}));
        try {
            dispatch(todoSaved(await (done ? client.reopenTodo(todo.id) : client.completeTodo(todo.id))));
        } catch (err) {
            dispatch(todoSaved(todo));
            failed(todo, err);
        }
    };

    const edit = async (todo: Todo, text: string) => {
        dispatch(todoSaved(await client.editTodo(todo.id, text)));
    };

    // Members are read once per channel, when a picker first needs them.
    const loadMembers = async () => {
        if (!members) {
            setMembers(await client.listChannelMembers(channelId));
        }
    };

    const setAssignees = async (todo: Todo, userIds: string[]) => {
        dispatch(todoSaved(await client.setAssignees(todo.id, userIds)));
    };

    const setDue = async (todo: Todo, due: Due | null) => {
        dispatch(todoSaved(await (due ? client.setDue(todo.id, due) : client.clearDue(todo.id))));
    };

    // The server keeps a deleted todo so Undo can restore it: nothing waits in the
    // browser, and closing the tab loses nothing.
    const remove = async (todo: Todo) => {
        setActionError('');
        dispatch(todoRemoved(todo));
        try {
            await client.deleteTodo(todo.id);
            setDeleted(todo);
        } catch (err) {
            dispatch(todoSaved(todo));
            failed(todo, err);
        }
    };

    const undo = async () => {
        if (!deleted) {
            return;
        }
        try {
            dispatch(todoSaved(await client.restoreTodo(deleted.id)));
            setDeleted(null);
        } catch (err) {
            setActionError(intl.formatMessage({id: 'channel_todo.undo_failed', defaultMessage: 'Could not restore #{number}: {error}'}, {number: deleted.number, error: message(err)}));
        }
    };

    const open = list ? list.todos.filter((t) => t.state === 'open') : [];
    const done = list ? list.todos.filter((t) => t.state === 'done') : [];

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

    const item = (todo: Todo, index: number) => (
        <TodoItem
            key={todo.id}
            todo={todo}
            canMoveUp={todo.state === 'open' && index > 0}
            canMoveDown={todo.state === 'open' && index < open.length - 1}
            onToggle={toggle}
            onEdit={edit}
            onDelete={remove}
            onMove={move}
            onSetDue={setDue}
            members={members}
            loadMembers={loadMembers}
            onSetAssignees={setAssignees}
            onDropHere={drop}
        />
    );

    return (
        <div className='channel-todo-channel'>
            <AddTodo onAdd={add}/>
            {deleted && (
                <div
                    role='status'
                    style={style.status}
                >
                    <FormattedMessage
                        id='channel_todo.deleted'
                        defaultMessage='Deleted #{number}.'
                        values={{number: deleted.number}}
                    />
                    <button
                        type='button'
                        style={style.button}
                        onClick={undo}
                    >
                        <FormattedMessage
                            id='channel_todo.undo'
                            defaultMessage='Undo'
                        />
                    </button>
                    <button
                        type='button'
                        style={style.button}
                        onClick={() => setDeleted(null)}
                    >
                        <FormattedMessage
                            id='channel_todo.dismiss'
                            defaultMessage='Dismiss'
                        />
                    </button>
                </div>
            )}
            {actionError && (
                <p
                    role='alert'
                    style={style.error}
                >
                    {actionError}
                </p>
            )}
            {loadError && (
                <p
                    role='alert'
                    style={style.error}
                >
                    <FormattedMessage
                        id='channel_todo.sidebar.load_failed'
                        defaultMessage='Could not load the todos: {error}'
                        values={{error: loadError}}
                    />
                    {' '}
                    <button
                        type='button'
                        style={style.button}
                        onClick={load}
                    >
                        <FormattedMessage
                            id='channel_todo.sidebar.retry'
                            defaultMessage='Try again'
                        />
                    </button>
                </p>
            )}
            {!list && !loadError && (
                <p style={style.muted}>
                    <FormattedMessage
                        id='channel_todo.sidebar.loading'
                        defaultMessage='Loading…'
                    />
                </p>
            )}
            {list && open.length === 0 && (
                <p style={style.muted}>
                    <FormattedMessage
                        id='channel_todo.sidebar.empty'
                        defaultMessage='No todos yet'
                    />
                </p>
            )}
            {open.length > 0 && <ul style={style.list}>{open.map(item)}</ul>}
            {done.length > 0 && (
                <details style={style.completed}>
                    <summary style={style.summary}>
                        <FormattedMessage
                            id='channel_todo.completed'
                            defaultMessage='Completed ({count})'
                            values={{count: done.length}}
                        />
                    </summary>
                    <ul style={style.list}>{done.map(item)}</ul>
                </details>
            )}
        </div>
    );
}
