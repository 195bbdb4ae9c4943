import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {useErrorText} from '../../error_text';
import {ErrorLine, noticeStyle} from '../todo_notices';

type Props = {

    /** Adds the todo; rejects with the reason when the server refuses. */
    onAdd: (text: string) => Promise<void>;
};

const style = {
    form: {display: 'flex', flexDirection: 'column', gap: '4px', marginBottom: '12px'},
    input: {
        width: '100%',
        minHeight: '36px',
        resize: 'vertical',
        padding: '8px',
        borderRadius: '4px',
        border: '1px solid rgba(var(--center-channel-color-rgb), 0.16)',
        background: 'var(--center-channel-bg)',
        color: 'var(--center-channel-color)',
        font: 'inherit',
    },
    hint: {fontSize: '12px', color: 'rgba(var(--center-channel-color-rgb), 0.64)'},
    error: {...noticeStyle.error, margin: 0},
} as const;

/** The box at the top of a list: Enter adds, Shift+Enter starts a new line. */
export default function AddTodo({onAdd}: Props) {
    const intl = useIntl();
    const errorText = useErrorText();
    const [text, setText] = useState('');
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState('');

    const add = async () => {
        const value = text.trim();
        if (!value || busy) {
            return;
        }
        setBusy(true);
        setError('');
        try {
            await onAdd(value);
            setText('');
        } catch (err) {
            setError(errorText(err));
        } finally {
            setBusy(false);
        }
    };

    const label = intl.formatMessage({id: 'channel_todo.add.label', defaultMessage: 'Add a todo'});
    return (
        <form
            style={style.form}
            onSubmit={(e) => {
                e.preventDefault();
                add();
            }}
        >
            <textarea
                aria-label={label}
                aria-describedby='channel-todo-add-hint'
                placeholder={label}
                rows={1}
                style={style.input}
                value={text}
                readOnly={busy}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                        e.preventDefault();
                        add();
                    }
                }}
            />
            <span
                id='channel-todo-add-hint'
                style={style.hint}
            >
                <FormattedMessage
                    id='channel_todo.add.hint'
                    defaultMessage='Enter adds, Shift+Enter starts a new line. End with @name, due friday 17:00 or !high to assign, date or prioritize it'
                />
            </span>
            {error && (
                <ErrorLine style={style.error}>
                    <FormattedMessage
                        id='channel_todo.add.failed'
                        defaultMessage='Could not add the todo: {error}'
                        values={{error}}
                    />
                </ErrorLine>
            )}
        </form>
    );
}
