import React from 'react';
import {FormattedMessage} from 'react-intl';

import {linkButton} from '../link_button_style';

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
