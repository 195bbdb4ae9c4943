import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import type {UserProfile} from '@mattermost/types/users';

import EditButtons from '../edit_buttons';
import {inlineRow, themedLabel, themedLegend} from '../link_button_style';

type Props = {

    /** The todo's short number, for the group's name. */
    number: number;

    /** The channel's members: the people a todo can go to. */
    members: UserProfile[];
    selected: string[];
    onSave: (userIds: string[]) => void;
    onCancel: () => void;
};

/** Chooses a todo's assignees among the channel's members. */
export default function AssigneePicker({number, members, selected, onSave, onCancel}: Props) {
    const [chosen, setChosen] = useState(selected);

    return (
        <fieldset
            style={{...inlineRow, border: 'none', padding: 0, margin: '4px 0'}}
            onKeyDown={(e) => {
                // Escape closes the picker and no more (the web client has its own uses).
                if (e.key === 'Escape') {
                    e.preventDefault();
                    e.stopPropagation();
                    onCancel();
                }
            }}
        >
            <legend style={themedLegend}>
                <FormattedMessage
                    id='channel_todo.todo.assignees_for'
                    defaultMessage='Assignees for #{number}'
                    values={{number}}
                />
            </legend>
            {members.map((m) => (
                <label
                    key={m.id}
                    style={themedLabel}
                >
                    <input
                        type='checkbox'
                        checked={chosen.includes(m.id)}
                        onChange={(e) => setChosen(e.target.checked ? [...chosen, m.id] : chosen.filter((id) => id !== m.id))}
                    />
                    {`@${m.username}`}
                </label>
            ))}
            <EditButtons
                onSave={() => onSave(chosen)}
                onCancel={onCancel}
            />
        </fieldset>
    );
}
