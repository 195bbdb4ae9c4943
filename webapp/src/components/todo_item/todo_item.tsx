import React, {memo, useContext, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import type {UserProfile} from '@mattermost/types/users';

import {useErrorText} from '../../error_text';
import defaultClient from '../../client';
import type {TodoClient} from '../../client';
import {followInClient, followPath, hrefOf} from '../../navigation';
import {getReplyCount} from '../../selectors';
import type {State} from '../../selectors';
import type {Due, Priority, Todo} from '../../types/todo';
import AssigneePicker from '../assignee_picker';
import Checklist from '../checklist';
import DueEditor from '../due_editor';
import EditButtons from '../edit_buttons';
import {doneText, inlineRow, itemBody, itemNumber, itemRow, linkButton} from '../link_button_style';
import PriorityBadge from '../priority_badge';
import PriorityEditor from '../priority_editor';
import RecurEditor, {recurText} from '../recur_editor';
import TodoActions, {ActionsHeldBack} from '../todo_actions';
import {ErrorLine} from '../todo_notices';
import type {TodoAction} from '../todo_actions';
import TodoText from '../todo_text';

export type Props = {
    todo: Todo;
    canMoveUp: boolean;
    canMoveDown: boolean;

    /** Completes or reopens it; force completes it although its checklist has open items. */
    onToggle: (todo: Todo, force?: boolean) => void;

    /** Saves new text; rejects with the server's reason. */
    onEdit: (todo: Todo, text: string) => Promise<void>;
    onDelete: (todo: Todo) => void;
    onMove: (todo: Todo, direction: 'up' | 'down') => void;

    /** Sets (or with null clears) the due date; rejects with the server's reason. */
    onSetDue: (todo: Todo, due: Due | null) => Promise<void>;

    /** Sets the priority ('none' clears it); rejects with the server's reason. Without it, no Priority action. */
    onSetPriority?: (todo: Todo, priority: Priority) => Promise<void>;

    /** Sets how it repeats ('' stops it); rejects with the server's reason. Without it, no Repeat action. */
    onSetRecur?: (todo: Todo, recur: string) => Promise<void>;

    /** The channel's members once loaded (for names and the picker). */
    members: UserProfile[] | null;

    /** Loads the members of the todo's channel if not yet loaded; rejects with the reason. */
    loadMembers: (todo: Todo) => Promise<void>;

    /** Replaces the assignees; rejects with the server's reason. Without it (a personal list), no Assign. */
    onSetAssignees?: (todo: Todo, userIds: string[]) => Promise<void>;

    /** The root of the todo's thread, started if it has none; defaults to the plugin's client. */
    startThread?: (todo: Todo) => Promise<string>;

    /** Another open todo (by id) was dropped on this one: place it here. */
    onDropHere?: (draggedId: string, target: Todo) => void;

    /**
     * Its place in a list read in part: 1-based index, and the list's size (-1 while unknown).
     * Plain numbers, not an object made per render, so the memoized row skips a render of
     * its list that changed nothing of it.
     */
    posInSet?: number;
    setSize?: number;

    /** Receives the row's element (a long list measures its rows). */
    rowRef?: (el: HTMLElement | null) => void;

    /** A change of its checklist went through: the todo with its new counts. */
    onChecklistChanged?: (todo: Todo) => void;

    /** The client the checklist talks to; the plugin's own by default. */
    client?: TodoClient;
};

// The drag payload's type: only todos of this plugin are accepted as drops.
export const dragType = 'application/x-channel-todo-id';

const style = {
    item: itemRow,
    body: itemBody,
    number: itemNumber,
    done: doneText,
    meta: {display: 'flex', flexWrap: 'wrap', gap: '8px', fontSize: '12px', color: 'rgba(var(--center-channel-color-rgb), 0.64)', alignItems: 'center'},
    overdue: {color: 'var(--error-text)', fontWeight: 600},
    actions: inlineRow,
    avatar: {width: '20px', height: '20px', borderRadius: '50%'},
    editor: {
        width: '100%',
        padding: '4px 6px',
        borderRadius: '4px',
        border: '1px solid rgba(var(--center-channel-color-rgb), 0.16)',
        background: 'var(--center-channel-bg)',
        color: 'var(--center-channel-color)',
        font: 'inherit',
    },
    error: {color: 'var(--error-text)', margin: 0, fontSize: '12px'},
} as const;

function pad(n: number): string {
    return String(n).padStart(2, '0');
}

/** Whether an open todo's due date (a local calendar date and time) has passed. */
export function isOverdue(due: Due | undefined, now: Date = new Date()): boolean {
    if (!due) {
        return false;
    }
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    if (due.date !== today) {
        return due.date < today;
    }
    return Boolean(due.time) && due.time! < `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/**
 * One todo: complete, edit, delete, reorder, and what it is linked to. Memoized: it renders
 * again only when its own props change.
 */
function TodoItem({todo, canMoveUp, canMoveDown, onToggle, onEdit, onDelete, onMove, onSetDue, onSetPriority, onSetRecur, members, loadMembers, onSetAssignees, onDropHere, posInSet, setSize, rowRef, onChecklistChanged, client, startThread = (t) => defaultClient.todoThread(t.id)}: Props) {
    const intl = useIntl();
    const errorText = useErrorText();
    const [editing, setEditing] = useState(false);
    const [editingDue, setEditingDue] = useState(false);
    const [assigning, setAssigning] = useState(false);
    const [prioritizing, setPrioritizing] = useState(false);
    const [repeating, setRepeating] = useState(false);
    const [draft, setDraft] = useState(todo.text);
    const [error, setError] = useState('');
    const [showChecklist, setShowChecklist] = useState(false);

    // A list painting its first rows holds the action bars back; this row's comes as soon as
    // the pointer or the focus enters it.
    const heldBack = useContext(ActionsHeldBack);
    const [engaged, setEngaged] = useState(false);
    const showActions = !heldBack || engaged;
    const engage = heldBack && !engaged ? () => setEngaged(true) : undefined;

    // Completing a todo whose checklist has open items asks first (the server refuses it
    // unless told to complete it anyway).
    const [confirming, setConfirming] = useState(false);
    const done = todo.state === 'done';
    const itemsTotal = todo.items_total ?? 0;
    const itemsDone = todo.items_done ?? 0;
    const itemsOpen = itemsTotal - itemsDone;
    const values = {number: todo.number};
    const assignees = todo.assignees ?? [];
    const postId = todo.post_id || todo.root_id;
    // A reply announced since the todo was read counts (the event's is the newer count).
    const announced = useSelector((state: State) => getReplyCount(state, todo.id));
    const replies = announced ?? todo.reply_count ?? 0;

    // Comments live in the todo's Mattermost thread: open it, starting it first if needed.
    const openComments = async () => {
        setError('');
        try {
            const root = todo.root_id || todo.post_id || await startThread(todo);
            const path = `/_redirect/pl/${root}`;
            if (!followPath(path)) {
                window.location.assign(hrefOf(path));
            }
        } catch (err) {
            setError(errorText(err));
        }
    };

    const save = async () => {
        const text = draft.trim();
        if (!text) {
            return;
        }
        setError('');
        try {
            await onEdit(todo, text);
            setEditing(false);
        } catch (err) {
            setError(errorText(err));
        }
    };

    const startAssigning = async () => {
        setError('');
        try {
            await loadMembers(todo);
            setAssigning(true);
        } catch (err) {
            setError(intl.formatMessage({id: 'channel_todo.todo.members_failed', defaultMessage: 'Could not load the channel\'s members: {error}'}, {error: errorText(err)}));
        }
    };

    const saveAssignees = async (userIds: string[]) => {
        if (!onSetAssignees) {
            return;
        }
        setError('');
        try {
            await onSetAssignees(todo, userIds);
            setAssigning(false);
        } catch (err) {
            setError(errorText(err));
        }
    };

    const nameOf = (userId: string) => {
        const user = members?.find((m) => m.id === userId);
        return user ? `@${user.username}` : '';
    };

    const saveDue = async (due: Due | null) => {
        setError('');
        try {
            await onSetDue(todo, due);
            setEditingDue(false);
        } catch (err) {
            setError(errorText(err));
        }
    };

    const savePriority = async (priority: Priority) => {
        if (!onSetPriority) {
            return;
        }
        setError('');
        try {
            await onSetPriority(todo, priority);
            setPrioritizing(false);
        } catch (err) {
            setError(errorText(err));
        }
    };

    const saveRecur = async (recur: string) => {
        if (!onSetRecur) {
            return;
        }
        setError('');
        try {
            await onSetRecur(todo, recur);
            setRepeating(false);
        } catch (err) {
            setError(errorText(err));
        }
    };

    const cancelEdit = () => {
        setEditing(false);
        setDraft(todo.text);
    };

    const action = (key: string, icon: TodoAction['icon'], label: string, onClick: () => void, extra: Partial<TodoAction> = {}): TodoAction => ({key, icon, label, onClick, ...extra});
    const actions: TodoAction[] = !showActions ? [] : [
        ...(editing ? [] : [action('edit', 'pencil-outline', intl.formatMessage({id: 'channel_todo.todo.edit', defaultMessage: 'Edit'}), () => {
            setDraft(todo.text);
            setEditing(true);
        })]),
        action('checklist', 'playlist-check', intl.formatMessage({id: 'channel_todo.todo.checklist', defaultMessage: 'Checklist'}), () => setShowChecklist((v) => !v)),
        action('comment', 'message-text-outline', intl.formatMessage({id: 'channel_todo.todo.comment', defaultMessage: 'Comment'}), openComments),
        ...(!done && !assigning && onSetAssignees ? [action('assign', 'account-plus-outline', intl.formatMessage({id: 'channel_todo.todo.assign', defaultMessage: 'Assign'}), startAssigning)] : []),
        ...(!done && !editingDue ? [action('due', 'calendar-outline', intl.formatMessage({id: 'channel_todo.todo.set_due', defaultMessage: 'Due date'}), () => setEditingDue(true))] : []),
        ...(!done && !prioritizing && onSetPriority ? [action('priority', 'flag-outline', intl.formatMessage({id: 'channel_todo.todo.set_priority', defaultMessage: 'Priority'}), () => setPrioritizing(true))] : []),
        ...(!done && !repeating && onSetRecur ? [action('recur', 'refresh', intl.formatMessage({id: 'channel_todo.todo.set_recur', defaultMessage: 'Repeat'}), () => setRepeating(true))] : []),
        ...(!done && canMoveUp ? [action('up', 'arrow-up', intl.formatMessage({id: 'channel_todo.todo.move_up', defaultMessage: 'Move up'}), () => onMove(todo, 'up'), {keyShortcuts: 'Alt+ArrowUp'})] : []),
        ...(!done && canMoveDown ? [action('down', 'arrow-down', intl.formatMessage({id: 'channel_todo.todo.move_down', defaultMessage: 'Move down'}), () => onMove(todo, 'down'), {keyShortcuts: 'Alt+ArrowDown'})] : []),
        action('delete', 'trash-can-outline', intl.formatMessage({id: 'channel_todo.todo.delete', defaultMessage: 'Delete'}), () => onDelete(todo), {destructive: true}),
    ];

    return (
        <li
            ref={rowRef}
            className='channel-todo-row'
            style={style.item}
            data-todo-id={todo.id}
            aria-posinset={posInSet}
            aria-setsize={setSize}
            draggable={!done && !editing}
            onPointerEnter={engage}
            onFocus={engage}
            onDragStart={(e) => {
                e.dataTransfer.setData(dragType, todo.id);
                e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
                if (!done && onDropHere && e.dataTransfer.types.includes(dragType)) {
                    e.preventDefault();
                    e.dataTransfer.dropEffect = 'move';
                }
            }}
            onDrop={(e) => {
                const draggedId = e.dataTransfer.getData(dragType);
                if (!done && onDropHere && draggedId && draggedId !== todo.id) {
                    e.preventDefault();
                    onDropHere(draggedId, todo);
                }
            }}
            onKeyDown={(e) => {
                if (e.altKey && !done && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
                    // Inside an open todo Alt+arrows belong to it, even at the list's edge or
                    // in its editor: the web client switches channels from a listener on
                    // document that ignores defaultPrevented.
                    e.stopPropagation();
                    if (editing) {
                        return;
                    }
                    e.preventDefault();
                    const direction = e.key === 'ArrowUp' ? 'up' : 'down';
                    if (direction === 'up' ? canMoveUp : canMoveDown) {
                        onMove(todo, direction);
                    }
                }
            }}
        >
            <input
                type='checkbox'
                checked={done}
                aria-label={intl.formatMessage({id: 'channel_todo.todo.done', defaultMessage: 'Done: #{number}'}, values)}
                onChange={() => {
                    if (!done && itemsOpen > 0) {
                        setConfirming(true);
                        return;
                    }
                    onToggle(todo);
                }}
            />
            <div style={style.body}>
                {editing ? (
                    <>
                        {/* The number keeps its line while editing: the action bar sits there, not on the draft. */}
                        <div style={style.number}>{`#${todo.number}`}</div>
                        <textarea
                            aria-label={intl.formatMessage({id: 'channel_todo.todo.edit_label', defaultMessage: 'Edit todo #{number}'}, values)}
                            style={style.editor}
                            value={draft}
                            autoFocus={true}
                            onChange={(e) => setDraft(e.target.value)}
                            onKeyDown={(e) => {
                                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                                    e.preventDefault();
                                    save();
                                } else if (e.key === 'Escape') {
                                    e.preventDefault();
                                    e.stopPropagation();
                                    cancelEdit();
                                }
                            }}
                        />
                        <div style={style.actions}>
                            <EditButtons
                                onSave={save}
                                onCancel={cancelEdit}
                            />
                        </div>
                    </>
                ) : (
                    <div style={done ? style.done : undefined}>
                        <span style={style.number}>{`#${todo.number}`}</span>
                        <TodoText text={todo.text}/>
                    </div>
                )}
                {confirming && (
                    <div
                        role='group'
                        style={style.actions}
                        aria-label={intl.formatMessage({id: 'channel_todo.todo.items_open_label', defaultMessage: 'Complete #{number}?'}, values)}
                    >
                        <span role='alert'>
                            <FormattedMessage
                                id='channel_todo.todo.items_open'
                                defaultMessage='{open} of {total} checklist items are still open.'
                                values={{open: itemsOpen, total: itemsTotal}}
                            />
                        </span>
                        <button
                            type='button'
                            style={linkButton}
                            autoFocus={true}
                            onClick={() => {
                                setConfirming(false);
                                onToggle(todo, true);
                            }}
                        >
                            <FormattedMessage
                                id='channel_todo.todo.complete_anyway'
                                defaultMessage='Complete anyway'
                            />
                        </button>
                        <button
                            type='button'
                            style={linkButton}
                            onClick={() => setConfirming(false)}
                        >
                            <FormattedMessage
                                id='channel_todo.todo.cancel'
                                defaultMessage='Cancel'
                            />
                        </button>
                    </div>
                )}
                <div style={style.meta}>
                    {itemsTotal > 0 && (
                        <button
                            type='button'
                            className='channel-todo-progress'
                            style={{...linkButton, padding: 0}}
                            aria-expanded={showChecklist}
                            aria-label={intl.formatMessage({id: 'channel_todo.todo.progress_label', defaultMessage: 'Checklist of #{number}: {done} of {total} done'}, {...values, done: itemsDone, total: itemsTotal})}
                            onClick={() => setShowChecklist((v) => !v)}
                        >
                            {`☑ ${itemsDone}/${itemsTotal}`}
                        </button>
                    )}
                    <PriorityBadge priority={todo.priority}/>
                    {todo.recur && <span className='channel-todo-recur'>{recurText(intl, todo.recur)}</span>}
                    {todo.due && (
                        <span>
                            <FormattedMessage
                                id='channel_todo.todo.due'
                                defaultMessage='Due {due}'
                                values={{due: todo.due.time ? `${todo.due.date} ${todo.due.time}` : todo.due.date}}
                            />
                            {!done && isOverdue(todo.due) && (
                                <strong style={{...style.overdue, marginLeft: '4px'}}>
                                    <FormattedMessage
                                        id='channel_todo.todo.overdue'
                                        defaultMessage='Overdue'
                                    />
                                </strong>
                            )}
                        </span>
                    )}
                    {assignees.length > 0 && (
                        <span
                            role='group'
                            aria-label={intl.formatMessage({id: 'channel_todo.todo.assigned', defaultMessage: 'Assigned to {count, plural, one {# person} other {# people}}'}, {count: assignees.length})}
                        >
                            {assignees.map((id) => (
                                <img
                                    key={id}
                                    style={style.avatar}
                                    src={hrefOf(`/api/v4/users/${id}/image`)}
                                    alt={nameOf(id)}
                                    title={nameOf(id) || undefined}
                                />
                            ))}
                        </span>
                    )}
                    {replies > 0 && (
                        <span className='channel-todo-replies'>
                            <FormattedMessage
                                id='channel_todo.todo.replies'
                                defaultMessage='{count, plural, one {# reply} other {# replies}}'
                                values={{count: replies}}
                            />
                        </span>
                    )}
                    {postId && (
                        <a
                            href={hrefOf(`/_redirect/pl/${postId}`)}
                            onClick={(e) => followInClient(e, `/_redirect/pl/${postId}`)}
                        >
                            <FormattedMessage
                                id='channel_todo.todo.open_thread'
                                defaultMessage='Open thread'
                            />
                        </a>
                    )}
                </div>
                {showChecklist && (
                    <Checklist
                        todo={todo}
                        onChanged={onChecklistChanged}
                        client={client}
                    />
                )}
                {assigning && members && (
                    <AssigneePicker
                        number={todo.number}
                        members={members}
                        selected={assignees}
                        onSave={saveAssignees}
                        onCancel={() => setAssigning(false)}
                    />
                )}
                {repeating && (
                    <RecurEditor
                        number={todo.number}
                        recur={todo.recur ?? ''}
                        onSave={saveRecur}
                        onCancel={() => setRepeating(false)}
                    />
                )}
                {prioritizing && (
                    <PriorityEditor
                        number={todo.number}
                        priority={todo.priority ?? 'none'}
                        onSave={savePriority}
                        onCancel={() => setPrioritizing(false)}
                    />
                )}
                {editingDue && (
                    <DueEditor
                        number={todo.number}
                        due={todo.due}
                        onSave={saveDue}
                        onCancel={() => setEditingDue(false)}
                    />
                )}
                {showActions && (
                    <TodoActions
                        label={intl.formatMessage({id: 'channel_todo.todo.actions', defaultMessage: 'Actions for #{number}'}, values)}
                        actions={actions}
                    />
                )}
                {error && <ErrorLine style={style.error}>{error}</ErrorLine>}
            </div>
        </li>
    );
}

export default memo(TodoItem);
