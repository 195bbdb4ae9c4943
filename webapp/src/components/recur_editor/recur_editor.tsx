import React, {useState} from 'react';
import {useIntl} from 'react-intl';

import {EditForm} from '../edit_buttons';
import {themedField} from '../link_button_style';

type Props = {

    /** The todo's short number, for the field's label. */
    number: number;

    /** The rule now ('' for never). */
    recur: string;
    onSave: (recur: string) => void;
    onCancel: () => void;
};

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** How a todo repeats, in words: "Every Monday", "Every week". */
export function recurText(intl: ReturnType<typeof useIntl>, rule: string): string {
    const format = intl.formatMessage;
    const day = weekdays.indexOf(rule);
    if (day >= 0) {
        // 2023-01-01 was a Sunday: the user's language names the weekday.
        const name = intl.formatDate(Date.UTC(2023, 0, 1 + day), {weekday: 'long', timeZone: 'UTC'});
        return format({id: 'channel_todo.recur.weekday', defaultMessage: 'Every {day}'}, {day: name});
    }
    switch (rule) {
    case 'day':
        return format({id: 'channel_todo.recur.day', defaultMessage: 'Every day'});
    case 'week':
        return format({id: 'channel_todo.recur.week', defaultMessage: 'Every week'});
    case 'month':
        return format({id: 'channel_todo.recur.month', defaultMessage: 'Every month'});
    }
    return rule;
}

/** The rules offered, in the order the select shows them ('' is never). */
const rules = ['', 'day', 'week', 'month', ...weekdays.slice(1), weekdays[0]];

/** Chooses how a todo repeats with the browser's own select. */
export default function RecurEditor({number, recur, onSave, onCancel}: Props) {
    const intl = useIntl();
    const [value, setValue] = useState(recur);
    return (
        <EditForm
            onSubmit={() => onSave(value)}
            onCancel={onCancel}
        >
            <select
                style={themedField}
                autoFocus={true}
                aria-label={intl.formatMessage({id: 'channel_todo.todo.recur_label', defaultMessage: 'Repeat #{number}'}, {number})}
                value={value}
                onChange={(e) => setValue(e.target.value)}
            >
                {rules.map((rule) => (
                    <option
                        key={rule}
                        value={rule}
                    >
                        {rule ? recurText(intl, rule) : intl.formatMessage({id: 'channel_todo.recur.never', defaultMessage: 'Never'})}
                    </option>
                ))}
            </select>
        </EditForm>
    );
}
