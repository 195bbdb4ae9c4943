import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {Due} from '../../types/todo';
import {EditForm} from '../edit_buttons';
import {linkButton, themedField} from '../link_button_style';

type Props = {

    /** The todo's short number, for the fields' labels. */
    number: number;
    due?: Due;

    /** Saves a date (and optional time), or clears it with null. */
    onSave: (due: Due | null) => void;
    onCancel: () => void;
};

/** A date and an optional time for a todo, as the browser's own pickers. */
export default function DueEditor({number, due, onSave, onCancel}: Props) {
    const intl = useIntl();
    const [date, setDate] = useState(due?.date ?? '');
    const [time, setTime] = useState(due?.time ?? '');

    return (
        <EditForm
            saveDisabled={!date}
            onSubmit={() => {
                if (date) {
                    onSave(time ? {date, time} : {date});
                }
            }}
            onCancel={onCancel}
            buttons={due && (
                <button
                    type='button'
                    style={linkButton}
                    onClick={() => onSave(null)}
                >
                    <FormattedMessage
                        id='channel_todo.todo.clear_due'
                        defaultMessage='Clear due date'
                    />
                </button>
            )}
        >
            <input
                type='date'
                style={themedField}
                required={true}
                aria-label={intl.formatMessage({id: 'channel_todo.todo.due_date', defaultMessage: 'Due date for #{number}'}, {number})}
                value={date}
                onChange={(e) => setDate(e.target.value)}
            />
            <input
                type='time'
                style={themedField}
                aria-label={intl.formatMessage({id: 'channel_todo.todo.due_time', defaultMessage: 'Due time for #{number} (optional)'}, {number})}
                value={time}
                onChange={(e) => setTime(e.target.value)}
            />
        </EditForm>
    );
}
