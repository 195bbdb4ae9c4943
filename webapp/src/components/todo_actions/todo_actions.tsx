import React, {createContext} from 'react';

import IconLabel from '../icon_label';
import type {IconName} from '../icon_label/icon_label';

export type TodoAction = {

    /** Stable key; also names the action for tests and styling. */
    key: string;
    icon: IconName;
    label: string;
    onClick: () => void;

    /** Deletes or otherwise loses something: shown last, in the error colour. */
    destructive?: boolean;
    keyShortcuts?: string;
};

type Props = {

    /** The group's accessible name ("Actions for #3"). */
    label: string;
    actions: TodoAction[];
};

// The row's actions look like Mattermost's own lists (Playbooks' checklist rows, the post
// hover menu): 28 px icon buttons in a small bar at the row's top right, shown while the
// row is hovered or holds the focus, always on touch screens, and always in the tab order
// and the accessibility tree. The hidden bar still takes clicks (a pointer over it is a hover
// that shows it), so nothing waits for a hover that a click never sends. Inline styles cannot say :hover or :focus-within, so the
// few rules that need them live in this stylesheet, scoped to the sidebar's classes.
//
// The bar must not cover the todo's text. The text starts on the line below the number (as a
// message's paragraphs do once formatted, and so already before), which leaves the number's
// line free on the right. The bar (30 px tall) sits on that line and rises 4 px into the gap
// above the row (the row above ends in 6 px of padding), so it ends where the text begins.
export const todoActionsCss = `
.channel-todo-row { position: relative; }
.channel-todo-row .channel-todo-text { display: block; }
.channel-todo-actions {
    position: absolute; top: -4px; right: 0; display: flex; gap: 2px; padding: 0;
    border-radius: 4px; background: var(--center-channel-bg);
    border: 1px solid rgba(var(--center-channel-color-rgb), 0.08);
    box-shadow: 0 2px 3px rgba(0, 0, 0, 0.08);
    opacity: 0;
}
.channel-todo-row:hover .channel-todo-actions,
.channel-todo-row:focus-within .channel-todo-actions {
    opacity: 1;
}
@media (hover: none) {
    .channel-todo-actions { position: static; opacity: 1; border: 0; box-shadow: none; }
}
.channel-todo-icon-button {
    min-width: 28px; height: 28px; padding: 0 4px; margin: 0;
    display: inline-flex; align-items: center; justify-content: center;
    border: 0; border-radius: 4px; background: transparent;
    color: rgba(var(--center-channel-color-rgb), 0.56);
    font: inherit; font-size: 12px; font-weight: 400; line-height: 16px; cursor: pointer;
}
.channel-todo-icon-button .icon { font-size: 18px; }
.channel-todo-icon-button:hover {
    background: rgba(var(--center-channel-color-rgb), 0.08);
    color: rgba(var(--center-channel-color-rgb), 0.72);
}
.channel-todo-icon-button:active {
    background: rgba(var(--button-bg-rgb), 0.08);
    color: var(--button-bg);
}
.channel-todo-icon-button:focus-visible {
    outline: 2px solid var(--button-bg); outline-offset: -2px;
}
.channel-todo-icon-button--destructive { color: var(--error-text); }
.channel-todo-icon-button--destructive:hover {
    background: rgba(var(--error-text-color-rgb), 0.08);
    color: var(--error-text);
}
`;

/**
 * Whether the rows below hold their action bars back until the pointer enters the row or the
 * focus does. A long list says so until its first rows are painted: the bars are about ten
 * buttons a row, most of the first frame's work, and nobody can use them before the todos show.
 */
export const ActionsHeldBack = createContext(false);

/** Whether a list that has not painted its first rows yet holds the bars back: never where
 * nothing hovers (touch screens show the bar in the row's flow, so it would move the rows). */
export function holdActionsBack(painted: boolean): boolean {
    if (painted) {
        return false;
    }
    return typeof window.matchMedia !== 'function' || !window.matchMedia('(hover: none)').matches;
}

/** A todo's actions as icon buttons, destructive ones last. */
export default function TodoActions({label, actions}: Props) {
    const ordered = [...actions.filter((a) => !a.destructive), ...actions.filter((a) => a.destructive)];
    return (
        <div
            role='group'
            aria-label={label}
            className='channel-todo-actions'
        >
            {ordered.map((action) => (
                <button
                    key={action.key}
                    type='button'
                    className={`channel-todo-icon-button${action.destructive ? ' channel-todo-icon-button--destructive' : ''}`}
                    aria-keyshortcuts={action.keyShortcuts}
                    title={action.label}
                    onClick={action.onClick}
                >
                    <IconLabel
                        icon={action.icon}
                        label={action.label}
                    />
                </button>
            ))}
        </div>
    );
}
