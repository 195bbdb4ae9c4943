import React from 'react';
import {useIntl} from 'react-intl';

import type {Priority, TodoSort} from '../../types/todo';
import {themedField, themedLabel} from '../link_button_style';
import {priorityName} from '../priority_badge';
import {priorities} from '../priority_editor';

/** How the channel's open todos are shown: their order, one priority, mine only. */
export type View = {
    sort: TodoSort;
    priority: Priority | '';
    mine: boolean;
};

export const plainView: View = {sort: 'position', priority: '', mine: false};

/** Whether the view shows something else than the list in its own order. */
export function isNarrowed(view: View): boolean {
    return view.sort !== 'position' || view.priority !== '' || view.mine;
}

type Props = {
    view: View;
    onChange: (view: View) => void;

    /** What the view's own order is called: the list's order, or Mine's (oldest first). */
    ownOrder?: 'list' | 'oldest';
};

const style = {
    bar: {display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', marginBottom: '8px'},
} as const;

/** The sort and filter of the channel's list (or of Mine), as the browser's own selects and a checkbox. */
export default function ListView({view, onChange, ownOrder = 'list'}: Props) {
    const intl = useIntl();
    const say = (id: string, defaultMessage: string) => intl.formatMessage({id, defaultMessage});
    return (
        <div
            role='group'
            aria-label={say('channel_todo.view.label', 'Sort and filter')}
            style={style.bar}
        >
            <label style={themedLabel}>
                {say('channel_todo.view.sort', 'Sort')}
                <select
                    style={themedField}
                    value={view.sort}
                    onChange={(e) => onChange({...view, sort: e.target.value as TodoSort})}
                >
                    <option value='position'>
                        {ownOrder === 'list' ? say('channel_todo.view.sort_position', 'List order') : say('channel_todo.view.sort_oldest', 'Oldest first')}
                    </option>
                    <option value='priority'>{say('channel_todo.view.sort_priority', 'Priority')}</option>
                    <option value='due'>{say('channel_todo.view.sort_due', 'Due date')}</option>
                </select>
            </label>
            <label style={themedLabel}>
                {say('channel_todo.view.priority', 'Priority')}
                <select
                    style={themedField}
                    value={view.priority}
                    onChange={(e) => onChange({...view, priority: e.target.value as Priority | ''})}
                >
                    <option value=''>{say('channel_todo.view.priority_any', 'Any')}</option>
                    {priorities.map((p) => (
                        <option
                            key={p}
                            value={p}
                        >
                            {priorityName(intl.formatMessage, p)}
                        </option>
                    ))}
                </select>
            </label>
            <label style={themedLabel}>
                <input
                    type='checkbox'
                    checked={view.mine}
                    onChange={(e) => onChange({...view, mine: e.target.checked})}
                />
                {say('channel_todo.view.mine', 'Assigned to me')}
            </label>
        </div>
    );
}
