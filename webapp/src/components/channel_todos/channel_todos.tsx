import React, {useCallback, useEffect, useState} from 'react';
import {FormattedMessage} from 'react-intl';

import type {UserProfile} from '@mattermost/types/users';
import {useDispatch, useSelector} from 'react-redux';

import {listLoaded, todoRemoved, todoSaved} from '../../actions';
import defaultClient from '../../client';
import type {TodoClient} from '../../client';
import {errorMessage, readAllPages, savingChanges, useTodoActions} from '../../hooks/use_todo_actions';
import {getList} from '../../selectors';
import type {State} from '../../selectors';
import {channelListId} from '../../types/todo';
import type {Todo} from '../../types/todo';
import AddTodo from '../add_todo';
import {plainList} from '../link_button_style';
import TodoItem from '../todo_item';
import TodoNotices, {ErrorLine, Hint, Loading, TextButton} from '../todo_notices';

export type Props = {
    channelId: string;
    client?: TodoClient;
};

const style = {
    list: plainList,
    completed: {marginTop: '12px'},
    summary: {cursor: 'pointer', fontWeight: 600},
} as const;

/** The current channel's list: add, complete, edit, delete with undo, reorder. */
export default function ChannelTodos({channelId, client = defaultClient}: Props) {
    const dispatch = useDispatch();
    const listId = channelListId(channelId);
    const list = useSelector((state: State) => getList(state, listId));
    const [loadError, setLoadError] = useState('');
    const [members, setMembers] = useState<UserProfile[] | null>(null);

    // The list lives in the store, so a change shows there first and goes back if refused.
    const saved = (todo: Todo) => dispatch(todoSaved(todo));
    const {setActionError, failed, remove, reset, notices} = useTodoActions(
        client,
        {hide: (todo) => dispatch(todoRemoved(todo)), rollback: saved},
        saved,
    );

    const load = useCallback(async () => {
        try {
            const {todos, version} = await readAllPages((q) => client.listChannelTodos(channelId, {state: 'all', ...q}));
            dispatch(listLoaded(listId, todos, version));
            setLoadError('');
        } catch (err) {
            setLoadError(errorMessage(err));
        }
    }, [client, channelId, listId, dispatch]);

    useEffect(() => {
        reset();
        load();
    }, [load, reset]);

    const stale = list?.stale ?? false;
    useEffect(() => {
        if (stale) {
            load();
        }
    }, [stale, load]);

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

    const {edit, setAssignees, setDue} = savingChanges(client, saved);

    // Members are read once per channel, when a picker first needs them.
    const loadMembers = async () => {
        if (!members) {
            setMembers(await client.listChannelMembers(channelId));
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
            {list && open.length === 0 && (
                <Hint
                    id='channel_todo.sidebar.empty'
                    defaultMessage='No todos yet'
                />
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
