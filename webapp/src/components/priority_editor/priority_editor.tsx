import React, {useState} from 'react';
import {useIntl} from 'react-intl';

import type {Priority} from '../../types/todo';
import {EditForm} from '../edit_buttons';
import {themedField} from '../link_button_style';
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
        <EditForm
            onSubmit={() => onSave(value)}
            onCancel={onCancel}
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
        </EditForm>
    );
}
