import React, {useCallback, useEffect, useRef, useState} from 'react';

import type {TodoClient} from '../../client';
import {useErrorText} from '../../error_text';
import {firstPageSize, pageSize} from '../../hooks/use_todo_actions';
import type {Todo} from '../../types/todo';
import {plainList} from '../link_button_style';
import type {View} from '../list_view';
import {ErrorLine, Hint, Loading, TextButton} from '../todo_notices';

type Props = {
    channelId: string;
    client: TodoClient;
    view: View;

    /** Changes whenever the list may have changed (its version, a change made here): read again. */
    refresh: string;

    /** One row, as the channel's list renders it. */
    item: (todo: Todo, index: number) => React.ReactNode;
};

/**
 * The channel's open todos sorted or narrowed by the server (GET .../todos with sort, priority
 * and assignee), read page by page with its cursors, so the order is right however long the
 * list. When the list changes the pages shown are read again.
 */
export default function SortedTodos({channelId, client, view, refresh, item}: Props) {
    const [todos, setTodos] = useState<Todo[] | null>(null);
    const [cursor, setCursor] = useState<string | undefined>();
    const [error, setError] = useState('');
    const shown = useRef(0);
    const errorText = useErrorText();

    const query = useCallback((extra: {cursor?: string; limit: number}) => client.listChannelTodos(channelId, {
        state: 'open',
        sort: view.sort,
        priority: view.priority || undefined,
        assignee: view.mine ? 'me' : undefined,
        ...extra,
    }), [client, channelId, view.sort, view.priority, view.mine]);

    useEffect(() => {
        let current = true;

        // As many as were shown, so reading again does not take rows away under the reader.
        const limit = Math.min(Math.max(shown.current, firstPageSize), pageSize);
        query({limit}).then((page) => {
            if (current) {
                shown.current = page.todos.length;
                setTodos(page.todos);
                setCursor(page.next_cursor);
                setError('');
            }
        }, (err) => {
            if (current) {
                setError(errorText(err));
            }
        });
        return () => {
            current = false;
        };
    }, [query, refresh, errorText]);

    const more = async () => {
        if (!cursor) {
            return;
        }
        try {
            const page = await query({cursor, limit: pageSize});
            const known = new Set((todos ?? []).map((t) => t.id));
            const next = [...(todos ?? []), ...page.todos.filter((t) => !known.has(t.id))];
            shown.current = next.length;
            setTodos(next);
            setCursor(page.next_cursor);
        } catch (err) {
            setError(errorText(err));
        }
    };

    if (error) {
        return <ErrorLine>{error}</ErrorLine>;
    }
    if (todos === null) {
        return <Loading/>;
    }
    if (todos.length === 0) {
        return (
            <Hint
                id='channel_todo.view.empty'
                defaultMessage='No open todos match'
            />
        );
    }
    return (
        <>
            <ul
                className='channel-todo-sorted'
                style={plainList}
            >
                {todos.map((todo, i) => item(todo, i))}
            </ul>
            {cursor && (
                <TextButton
                    id='channel_todo.view.more'
                    defaultMessage='Show more'
                    onClick={more}
                />
            )}
        </>
    );
}
