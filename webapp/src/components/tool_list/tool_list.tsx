import React, {useCallback, useEffect, useRef, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import defaultClient from '../../client';
import {useErrorText} from '../../error_text';
import type {TodoClient} from '../../client';
import {getCurrentUserId, getReconnectCount, getToolChangeCount} from '../../selectors';
import type {State} from '../../selectors';
import {channelListId, personalListId} from '../../types/todo';
import type {ToolItem, ToolResult, ToolScope, ToolVerb} from '../../types/todo';
import AddTodo from '../add_todo';
import IconLabel from '../icon_label';
import {doneText, inlineRow, itemBody, itemNumber, itemRow, linkButton, plainList, themedCodeBlock, themedField} from '../link_button_style';
import {ErrorLine, Hint, Loading} from '../todo_notices';

export type Props = {
    scope: ToolScope;

    /** The list as the gate already read it, so the first paint needs no second run. */
    initial?: ToolResult;
    client?: TodoClient;
};

const style = {
    list: plainList,
    item: itemRow,
    body: itemBody,
    id: itemNumber,
    done: doneText,
    text: themedCodeBlock,
    note: {fontSize: '12px', color: 'rgba(var(--center-channel-color-rgb), 0.64)', margin: '0 0 8px'},
    row: {...inlineRow, marginTop: '8px'},
    idInput: {...themedField, width: '6em'},
    button: linkButton,
} as const;

/** What went wrong, in the words the bot would use in a thread, and for a system admin what the tool said. */
function failure(res: ToolResult): string {
    const why = res.reply || res.text || res.kind || '';
    return res.detail ? `${why}\n${res.detail}` : why;
}

/**
 * A list a command-line tool keeps (docs/BRIDGE.md): its items when the preset can
 * read them, its own text otherwise. Add, done and delete become the tool's commands.
 * The tool keeps no undo, so a delete is final; the list is read again after each
 * command, since only the tool knows what its numbers now mean.
 */
export default function ToolList({scope, initial, client = defaultClient}: Props) {
    const intl = useIntl();
    const errorText = useErrorText();
    const reconnects = useSelector((state: State) => getReconnectCount(state));

    // Someone else's command on this list (from chat or another sidebar) is announced
    // on the WebSocket; reading the list again is the only way to learn what changed.
    const changes = useSelector((state: State) => getToolChangeCount(state, scope.kind === 'channel' ? channelListId(scope.channelId) : personalListId(getCurrentUserId(state))));
    const [list, setList] = useState<ToolResult | null>(initial ?? null);

    // Why the last read failed, and why the last command failed, kept apart: a read that
    // follows someone else's change must not wipe the answer to my own command.
    const [loadError, setLoadError] = useState('');
    const [actionError, setActionError] = useState('');
    const error = actionError || loadError;
    const [typedId, setTypedId] = useState('');

    const load = useCallback(async () => {
        try {
            const res = await client.toolList(scope);
            setList(res);
            setLoadError(res.ok ? '' : failure(res));
        } catch (err) {
            setLoadError(intl.formatMessage({id: 'channel_todo.sidebar.load_failed', defaultMessage: 'Could not load the todos: {error}'}, {error: errorText(err)}));
        }

    // scope is a fresh object on each render of the parent; its parts are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [client, scope.kind, scope.kind === 'channel' ? scope.channelId : '', intl]);

    // The gate's answer stands for the first read; later reads follow reconnects and
    // announced changes.
    const skipRead = useRef(Boolean(initial));
    useEffect(() => {
        if (skipRead.current) {
            skipRead.current = false;
            setLoadError(initial && !initial.ok ? failure(initial) : '');
            return;
        }
        load();

    // initial only matters for the first run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [load, reconnects, changes]);

    // Runs one command, reads the list again, and answers why it failed ('' when it did not).
    const run = async (verb: ToolVerb, arg: string): Promise<string> => {
        setActionError('');
        let why = '';
        try {
            const res = await client.toolRun(scope, verb, arg);
            why = res.ok ? '' : failure(res) || intl.formatMessage({id: 'channel_todo.tool.failed_plain', defaultMessage: 'The tool could not run {verb}.'}, {verb});
        } catch (err) {
            why = errorText(err);
        }
        await load();
        return why;
    };

    const act = async (verb: 'done' | 'delete', id: string): Promise<boolean> => {
        const why = await run(verb, id);
        if (why) {
            setActionError(intl.formatMessage({id: 'channel_todo.tool.failed', defaultMessage: 'Could not run {verb}: {error}'}, {verb, error: why}));
        }
        return !why;
    };

    // The add box shows the reason itself and keeps the text for another try.
    const add = async (text: string) => {
        const why = await run('add', text);
        if (why) {
            throw new Error(why);
        }
    };

    // The box empties after a command that worked, unless something else was typed
    // in it while the tool ran.
    const byId = async (verb: 'done' | 'delete') => {
        const typed = typedId;
        const id = typed.trim();
        if (id && await act(verb, id)) {
            setTypedId((now) => (now === typed ? '' : now));
        }
    };

    // The server says whether the edit policy lets me delete here; an older server does not
    // say, and then refuses a delete itself when it must.
    const canDelete = list?.can_delete !== false;
    const byIdActions = [
        {verb: 'done', icon: 'check', label: intl.formatMessage({id: 'channel_todo.tool.done', defaultMessage: 'Done'})},
        ...(canDelete ? [{verb: 'delete', icon: 'trash-can-outline', label: intl.formatMessage({id: 'channel_todo.todo.delete', defaultMessage: 'Delete'})}] as const : []),
    ] as const;

    const item = (todo: ToolItem) => (
        <li
            key={todo.key || todo.id}
            style={style.item}
        >
            <input
                type='checkbox'
                checked={todo.done}

                // The tools complete but do not reopen; a done item stays done.
                disabled={todo.done}
                aria-label={intl.formatMessage({id: 'channel_todo.tool.done_label', defaultMessage: 'Done: {id}'}, {id: todo.id})}
                onChange={() => act('done', todo.id)}
            />
            <div style={style.body}>
                <span style={todo.done ? style.done : undefined}>
                    <span style={style.id}>{todo.id}</span>
                    {todo.text}
                </span>
            </div>
            {canDelete && (
                <button
                    type='button'
                    style={style.button}
                    aria-label={intl.formatMessage({id: 'channel_todo.tool.delete_label', defaultMessage: 'Delete {id}'}, {id: todo.id})}
                    onClick={() => act('delete', todo.id)}
                >
                    <IconLabel
                        icon='trash-can-outline'
                        label={intl.formatMessage({id: 'channel_todo.todo.delete', defaultMessage: 'Delete'})}
                    />
                </button>
            )}
        </li>
    );

    return (
        <div className='channel-todo-tool'>
            <p style={style.note}>
                <FormattedMessage
                    id='channel_todo.tool.kept_by'
                    defaultMessage='Kept by the command-line tool {preset}'
                    values={{preset: list?.preset || '?'}}
                />
            </p>
            <AddTodo onAdd={add}/>
            {error && <ErrorLine preWrap={true}>{error}</ErrorLine>}
            {!list && !error && <Loading/>}
            {list?.parsed && list.items.length === 0 && (
                <Hint
                    id='channel_todo.sidebar.empty'
                    defaultMessage='No todos yet'
                />
            )}
            {list?.parsed && list.items.length > 0 && (
                <ul style={style.list}>{list.items.map(item)}</ul>
            )}
            {list && !list.parsed && list.ok && (
                <>
                    <pre
                        style={style.text}
                        aria-label={intl.formatMessage({id: 'channel_todo.tool.output', defaultMessage: 'The tool\'s list'})}
                    >
                        {list.text}
                    </pre>
                    <div
                        role='group'
                        aria-label={canDelete ? intl.formatMessage({id: 'channel_todo.tool.by_id', defaultMessage: 'Complete or delete by id'}) : intl.formatMessage({id: 'channel_todo.tool.by_id_done', defaultMessage: 'Complete by id'})}
                        style={style.row}
                    >
                        <input
                            type='text'
                            style={style.idInput}
                            aria-label={intl.formatMessage({id: 'channel_todo.tool.id', defaultMessage: 'Id'})}
                            value={typedId}
                            onChange={(e) => setTypedId(e.target.value)}
                        />
                        {byIdActions.map(({verb, icon, label}) => (
                            <button
                                key={verb}
                                type='button'
                                style={style.button}
                                onClick={() => byId(verb)}
                            >
                                <IconLabel
                                    icon={icon}
                                    label={label}
                                />
                            </button>
                        ))}
                    </div>
                </>
            )}
            {list?.truncated && (
                <Hint
                    id='channel_todo.tool.truncated'
                    defaultMessage='The list was cut short.'
                    style={style.note}
                />
            )}
        </div>
    );
}
