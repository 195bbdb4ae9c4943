import React, {useState} from 'react';
import {useIntl} from 'react-intl';

import type {Priority} from '../../types/todo';
import EditButtons from '../edit_buttons';
import {inlineRow, themedField} from '../link_button_style';
import {priorityName} from '../priority_badge';

type Props = {

    /** The todo's short number, for the field's label. */
    number: number;
    priority: Priority;
    onSave: (priority: Priority) => void;
    onCancel: () => void;
};

export const priorities: Priority[] = ['high', 'medium', 'low', 'none'];

/** Chooses a todo's priority with the browser's own select. */
export default function PriorityEditor({number, priority, onSave, onCancel}: Props) {
    const intl = useIntl();
    const [value, setValue] = useState<Priority>(priority);
    return (
        <form
            style={inlineRow}
            onKeyDown={(e) => {
                // Escape closes this editor and no more (the web client has its own uses).
                if (e.key === 'Escape') {
                    e.preventDefault();
                    e.stopPropagation();
                    onCancel();
                }
            }}
            onSubmit={(e) => {
                e.preventDefault();
                onSave(value);
            }}
        >
            <select
                style={themedField}
                autoFocus={true}
                aria-label={intl.formatMessage({id: 'channel_todo.todo.priority_label', defaultMessage: 'Priority of #{number}'}, {number})}
                value={value}
                onChange={(e) => setValue(e.target.value as Priority)}
            >
                {priorities.map((p) => (
                    <option
                        key={p}
                        value={p}
                    >
                        {priorityName(intl.formatMessage, p)}
                    </option>
                ))}
            </select>
            <EditButtons onCancel={onCancel}/>
        </form>
    );
}
