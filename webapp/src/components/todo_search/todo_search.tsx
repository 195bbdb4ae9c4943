import React, {useRef, useState} from 'react';
import {useIntl} from 'react-intl';

import defaultClient from '../../client';
import type {TodoClient} from '../../client';
import {useErrorText} from '../../error_text';
import type {Todo} from '../../types/todo';
import {plainList} from '../link_button_style';
import {useChannelLabels} from '../my_todos/my_todos';
import {ErrorLine} from '../todo_notices';
import TodoText from '../todo_text';

export type Props = {
    client?: TodoClient;
};

/** How many results a page of the search shows. */
export const searchPageSize = 20;

const style = {
    form: {display: 'flex', gap: '4px', marginBottom: '8px'},
    input: {flex: 1, minWidth: 0},
    results: {marginBottom: '12px', paddingBottom: '8px', borderBottom: '1px solid rgba(var(--center-channel-color-rgb), 0.16)'},
    status: {margin: '4px 0', color: 'rgba(var(--center-channel-color-rgb), 0.72)'},
    list: plainList,
    item: {padding: '4px 0'},
    where: {fontSize: '12px', color: 'rgba(var(--center-channel-color-rgb), 0.64)'},
    done: {textDecoration: 'line-through'},
} as const;

/**
 * A search box over every list the user can read (GET /search): the newest matching todos,
 * open and done, a page at a time. What is shown is always the answer to the words shown as
 * searched: an answer to older words that arrives late is dropped.
 */
export default function TodoSearch({client = defaultClient}: Props) {
    const intl = useIntl();
    const errorText = useErrorText();
    const [words, setWords] = useState('');
    const [searched, setSearched] = useState('');
    const [results, setResults] = useState<Todo[] | null>(null);
    const [next, setNext] = useState<string | undefined>();
    const [error, setError] = useState('');
    const [busy, setBusy] = useState(false);
    const asked = useRef(0);
    const labels = useChannelLabels(results);

    const read = async (q: string, cursor?: string) => {
        const ticket = ++asked.current;
        setBusy(true);
        try {
            const page = await client.search({q, cursor, limit: searchPageSize});
            if (ticket !== asked.current) {
                return;
            }
            setResults((shown) => (cursor ? [...(shown ?? []), ...page.todos] : page.todos));
            setNext(page.next_cursor);
            setSearched(q);
            setError('');
        } catch (err) {
            if (ticket === asked.current) {
                setError(errorText(err));
            }
        } finally {
            if (ticket === asked.current) {
                setBusy(false);
            }
        }
    };

    const clear = () => {
        asked.current++;
        setWords('');
        setSearched('');
        setResults(null);
        setNext(undefined);
        setError('');
        setBusy(false);
    };

    const label = intl.formatMessage({id: 'channel_todo.search.label', defaultMessage: 'Search todos'});
    const where = (todo: Todo) => {
        if (todo.scope.kind === 'personal') {
            return intl.formatMessage({id: 'channel_todo.search.personal', defaultMessage: 'Personal list'});
        }
        const name = labels[todo.scope.channel_id]?.name;
        return name || intl.formatMessage({id: 'channel_todo.search.channel', defaultMessage: 'A channel'});
    };

    return (
        <div className='channel-todo-search'>
            <form
                role='search'
                aria-label={label}
                style={style.form}
                onSubmit={(e) => {
                    e.preventDefault();
                    const q = words.trim();
                    if (q === '') {
                        clear();
                        return;
                    }
                    read(q);
                }}
            >
                <input
                    type='search'
                    className='form-control'
                    aria-label={label}
                    placeholder={label}
                    style={style.input}
                    value={words}
                    onChange={(e) => setWords(e.target.value)}
                    onKeyDown={(e) => {
                        if (e.key === 'Escape' && results) {
                            e.preventDefault();
                            clear();
                        }
                    }}
                />
                <button
                    type='submit'
                    className='btn btn-primary btn-sm'
                    disabled={busy}
                >
                    {intl.formatMessage({id: 'channel_todo.search.submit', defaultMessage: 'Search'})}
                </button>
                {results && (
                    <button
                        type='button'
                        className='btn btn-tertiary btn-sm'
                        onClick={clear}
                    >
                        {intl.formatMessage({id: 'channel_todo.search.clear', defaultMessage: 'Clear'})}
                    </button>
                )}
            </form>
            {error && <ErrorLine>{error}</ErrorLine>}
            {results && (
                <section
                    aria-label={intl.formatMessage({id: 'channel_todo.search.results', defaultMessage: 'Search results'})}
                    style={style.results}
                >
                    <p
                        role='status'
                        style={style.status}
                    >
                        {results.length === 0 ?
                            intl.formatMessage({id: 'channel_todo.search.none', defaultMessage: 'No todos match “{words}”.'}, {words: searched}) :
                            intl.formatMessage({id: 'channel_todo.search.count', defaultMessage: '{count, plural, one {# todo matches} other {# todos match}} “{words}”{more, select, yes {, and more} other {}}.'}, {count: results.length, words: searched, more: next ? 'yes' : 'no'})}
                    </p>
                    <ul style={style.list}>
                        {results.map((todo) => (
                            <li
                                key={todo.id}
                                style={style.item}
                            >
                                <div style={todo.state === 'done' ? style.done : undefined}>
                                    <TodoText text={todo.text}/>
                                </div>
                                <div style={style.where}>
                                    {todo.state === 'done' ?
                                        intl.formatMessage({id: 'channel_todo.search.where_done', defaultMessage: '#{number} in {list}, done'}, {number: todo.number, list: where(todo)}) :
                                        intl.formatMessage({id: 'channel_todo.search.where', defaultMessage: '#{number} in {list}'}, {number: todo.number, list: where(todo)})}
                                </div>
                            </li>
                        ))}
                    </ul>
                    {next && (
                        <button
                            type='button'
                            className='btn btn-tertiary btn-sm'
                            disabled={busy}
                            onClick={() => read(searched, next)}
                        >
                            {intl.formatMessage({id: 'channel_todo.search.more', defaultMessage: 'More results'})}
                        </button>
                    )}
                </section>
            )}
        </div>
    );
}
