import React from 'react';
import {FormattedMessage} from 'react-intl';

import {inlineRow, linkButton} from '../link_button_style';

type Props = {

    /** Called by Save; without it Save submits the surrounding form instead. */
    onSave?: () => void;
    saveDisabled?: boolean;
    onCancel: () => void;

    /** Further buttons, placed between Save and Cancel. */
    children?: React.ReactNode;
};

/** The Save and Cancel pair that closes every inline editor of a todo. */
export default function EditButtons({onSave, saveDisabled, onCancel, children}: Props) {
    return (
        <>
            <button
                type={onSave ? 'button' : 'submit'}
                style={linkButton}
                disabled={saveDisabled}
                onClick={onSave}
            >
                <FormattedMessage
                    id='channel_todo.todo.save'
                    defaultMessage='Save'
                />
            </button>
            {children}
            <button
                type='button'
                style={linkButton}
                onClick={onCancel}
            >
                <FormattedMessage
                    id='channel_todo.todo.cancel'
                    defaultMessage='Cancel'
                />
            </button>
        </>
    );
}

type FormProps = {

    /** Called by Save and by Enter. */
    onSubmit: () => void;
    saveDisabled?: boolean;
    onCancel: () => void;

    /** Further buttons, placed between Save and Cancel. */
    buttons?: React.ReactNode;

    /** The editor's fields. */
    children: React.ReactNode;
};

/** An inline editor of a todo: its fields, then Save and Cancel. Enter saves; Escape closes it. */
export function EditForm({onSubmit, saveDisabled, onCancel, buttons, children}: FormProps) {
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
                onSubmit();
            }}
        >
            {children}
            <EditButtons
                saveDisabled={saveDisabled}
                onCancel={onCancel}
            >
                {buttons}
            </EditButtons>
        </form>
    );
}
