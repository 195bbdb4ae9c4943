// What the built-in lists' views (the channel's list, Mine) do the same way: read a list
// page by page, report why a change failed, and delete with Undo. Each view keeps only
// how it shows its todos and how it brings one back into view.
import {useCallback, useState} from 'react';
import {useIntl} from 'react-intl';

import type {TodoClient} from '../client';
import {useErrorText} from '../error_text';
import type {Props as NoticesProps} from '../components/todo_notices/todo_notices';
import type {Due, Priority, Todo} from '../types/todo';

// The first page is small so the list shows at once; later pages are read as the user
// scrolls toward the end, as many as there are.
export const firstPageSize = 50;
export const pageSize = 200;

/** How a view takes a todo out of sight and puts it back. */
export type Deletion = {

    /** Takes the todo out of the view at once, before the server answers. */
    hide: (todo: Todo) => void;

    /** The server refused the delete: show the todo again. */
    rollback: (todo: Todo) => void;
};

/** The changes whose answer is the saved todo, each handing that todo to `saved` to show. */
export function savingChanges(client: TodoClient, saved: (todo: Todo) => void) {
    return {
        edit: async (todo: Todo, text: string) => saved(await client.editTodo(todo.id, text)),
        setDue: async (todo: Todo, due: Due | null) => saved(await (due ? client.setDue(todo.id, due) : client.clearDue(todo.id))),
        setAssignees: async (todo: Todo, userIds: string[]) => saved(await client.setAssignees(todo.id, userIds)),
        setPriority: async (todo: Todo, priority: Priority) => saved(await client.setPriority(todo.id, priority)),
        setRecur: async (todo: Todo, recur: string) => saved(await client.setRecur(todo.id, recur)),
    };
}

export type TodoActions = {

    /** Why the last change failed, in words for the sidebar ('' when it did not). */
    actionError: string;
    setActionError: (error: string) => void;

    /** Reports that a change to todo failed. */
    failed: (todo: Todo, err: unknown) => void;

    /** The last todo deleted, while its Undo is offered. */
    deleted: Todo | null;
    dismissDeleted: () => void;

    /** Deletes at once in the view; the server keeps the todo so Undo can restore it. */
    remove: (todo: Todo) => Promise<void>;
    undo: () => Promise<void>;

    /** Forgets the error and the Undo (e.g. when the view moves to another list). */
    reset: () => void;

    /** The error and the Undo as TodoNotices shows them. */
    notices: NoticesProps;
};

/**
 * The actions both built-in views share. `restored` puts a todo Undo brought back
 * into the view. Nothing waits in the browser: closing the tab loses nothing.
 */
export function useTodoActions(client: TodoClient, deletion: Deletion, restored: (todo: Todo) => void): TodoActions {
    const intl = useIntl();
    const errorText = useErrorText();
    const [actionError, setActionError] = useState('');
    const [deleted, setDeleted] = useState<Todo | null>(null);

    const failed = (todo: Todo, err: unknown) => {
        setActionError(intl.formatMessage({id: 'channel_todo.todo.failed', defaultMessage: 'Could not change #{number}: {error}'}, {number: todo.number, error: errorText(err)}));
    };

    const remove = async (todo: Todo) => {
        setActionError('');
        setDeleted(null);
        deletion.hide(todo);
        try {
            await client.deleteTodo(todo.id);
            setDeleted(todo);
        } catch (err) {
            deletion.rollback(todo);
            failed(todo, err);
        }
    };

    const undo = async () => {
        if (!deleted) {
            return;
        }
        try {
            restored(await client.restoreTodo(deleted.id));
            setDeleted(null);
        } catch (err) {
            setActionError(intl.formatMessage({id: 'channel_todo.undo_failed', defaultMessage: 'Could not restore #{number}: {error}'}, {number: deleted.number, error: errorText(err)}));
        }
    };

    const reset = useCallback(() => {
        setActionError('');
        setDeleted(null);
    }, []);

    const dismissDeleted = () => setDeleted(null);
    return {
        actionError, setActionError, failed, deleted, dismissDeleted, remove, undo, reset,
        notices: {deleted, onUndo: undo, onDismiss: dismissDeleted, error: actionError},
    };
}
