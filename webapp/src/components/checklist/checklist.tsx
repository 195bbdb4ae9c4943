import React, {useCallback, useEffect, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import defaultClient from '../../client';
import type {TodoClient} from '../../client';
import {useErrorText} from '../../error_text';
import type {Checklist as ChecklistData, ChecklistItem, Todo} from '../../types/todo';
import IconLabel from '../icon_label';
import {doneText, inlineRow, linkButton, plainList} from '../link_button_style';
import {ErrorLine} from '../todo_notices';

type Props = {
    todo: Todo;

    /** A change went through: the todo as it now is (its new counts). */
    onChanged?: (todo: Todo) => void;
    client?: TodoClient;
};

const style = {
    box: {margin: '4px 0 2px', padding: '4px 0 0', borderTop: '1px dashed rgba(var(--center-channel-color-rgb), 0.16)'},
    row: {display: 'flex', gap: '6px', alignItems: 'flex-start', padding: '2px 0'},
    text: {flex: 1, minWidth: 0, overflowWrap: 'anywhere', fontSize: '13px'},
    button: {...linkButton, padding: '0 2px'},
    input: {
        flex: 1,
        minWidth: 0,
        padding: '2px 6px',
        borderRadius: '4px',
        border: '1px solid rgba(var(--center-channel-color-rgb), 0.16)',
        background: 'var(--center-channel-bg)',
        color: 'var(--center-channel-color)',
        font: 'inherit',
        fontSize: '13px',
    },
    error: {color: 'var(--error-text)', margin: 0, fontSize: '12px'},
} as const;

/**
 * A todo's checklist, read from the server when it opens and again whenever the todo changes
 * (its updated time moves with every checklist change, its own or anyone's, through the live
 * events): tick, add, move up and down, remove. Every change answers with the whole checklist,
 * which replaces what is shown; a refusal leaves it as it was and says why.
 */
export default function Checklist({todo, onChanged, client = defaultClient}: Props) {
    const intl = useIntl();
    const errorText = useErrorText();
    const [items, setItems] = useState<ChecklistItem[] | null>(null);
    const [draft, setDraft] = useState('');
    const [error, setError] = useState('');
    const number = todo.number;

    useEffect(() => {
        let current = true;
        client.checklist(todo.id).then((c) => {
            if (current) {
                setItems(c.items);
            }
        }, (err) => {
            if (current) {
                setError(errorText(err));
            }
        });
        return () => {
            current = false;
        };
    }, [client, todo.id, todo.updated_at, todo.items_total, todo.items_done, errorText]);

    const change = useCallback(async (call: () => Promise<ChecklistData>) => {
        setError('');
        try {
            const c = await call();
            setItems(c.items);
            onChanged?.(c.todo);
            return true;
        } catch (err) {
            setError(errorText(err));
            return false;
        }
    }, [onChanged, errorText]);

    const add = async () => {
        const text = draft.trim();
        if (text && await change(() => client.addItem(todo.id, text))) {
            setDraft('');
        }
    };

    const label = (id: string, defaultMessage: string, item: ChecklistItem) =>
        intl.formatMessage({id, defaultMessage}, {number, item: item.position, text: item.text});

    return (
        <div
            style={style.box}
            role='group'
            aria-label={intl.formatMessage({id: 'channel_todo.checklist.label', defaultMessage: 'Checklist of #{number}'}, {number})}
        >
            {items === null && !error && (
                <p style={{margin: 0, fontSize: '12px'}}>
                    <FormattedMessage
                        id='channel_todo.checklist.loading'
                        defaultMessage='Loading the checklist…'
                    />
                </p>
            )}
            {items && (
                <ul style={plainList}>
                    {items.map((item, i) => (
                        <li
                            key={item.id}
                            style={style.row}
                            className='channel-todo-checklist-item'
                        >
                            <input
                                type='checkbox'
                                checked={item.done}
                                aria-label={label('channel_todo.checklist.tick', 'Item {item} of #{number}: {text}', item)}
                                onChange={() => change(() => client.changeItem(todo.id, item.id, {done: !item.done}))}
                            />
                            <span style={item.done ? {...style.text, ...doneText} : style.text}>{item.text}</span>
                            {i > 0 && (
                                <button
                                    type='button'
                                    style={style.button}
                                    aria-label={label('channel_todo.checklist.move_up', 'Move item {item} up', item)}
                                    onClick={() => change(() => client.moveItem(todo.id, item.id, item.position - 1))}
                                >
                                    <IconLabel
                                        icon='arrow-up'
                                        label={intl.formatMessage({id: 'channel_todo.checklist.up', defaultMessage: 'Up'})}
                                    />
                                </button>
                            )}
                            {i < items.length - 1 && (
                                <button
                                    type='button'
                                    style={style.button}
                                    aria-label={label('channel_todo.checklist.move_down', 'Move item {item} down', item)}
                                    onClick={() => change(() => client.moveItem(todo.id, item.id, item.position + 1))}
                                >
                                    <IconLabel
                                        icon='arrow-down'
                                        label={intl.formatMessage({id: 'channel_todo.checklist.down', defaultMessage: 'Down'})}
                                    />
                                </button>
                            )}
                            <button
                                type='button'
                                style={{...style.button, color: 'var(--error-text)'}}
                                aria-label={label('channel_todo.checklist.remove', 'Remove item {item}', item)}
                                onClick={() => change(() => client.removeItem(todo.id, item.id))}
                            >
                                <IconLabel
                                    icon='trash-can-outline'
                                    label={intl.formatMessage({id: 'channel_todo.checklist.remove_short', defaultMessage: 'Remove'})}
                                />
                            </button>
                        </li>
                    ))}
                </ul>
            )}
            <form
                style={inlineRow}
                onSubmit={(e) => {
                    e.preventDefault();
                    add();
                }}
            >
                <input
                    type='text'
                    style={style.input}
                    value={draft}
                    placeholder={intl.formatMessage({id: 'channel_todo.checklist.add_placeholder', defaultMessage: 'Add an item'})}
                    aria-label={intl.formatMessage({id: 'channel_todo.checklist.add_label', defaultMessage: 'New item for #{number}'}, {number})}
                    onChange={(e) => setDraft(e.target.value)}
                />
                <button
                    type='submit'
                    style={linkButton}
                    disabled={!draft.trim()}
                >
                    <FormattedMessage
                        id='channel_todo.checklist.add'
                        defaultMessage='Add item'
                    />
                </button>
            </form>
            {error && <ErrorLine style={style.error}>{error}</ErrorLine>}
        </div>
    );
}
