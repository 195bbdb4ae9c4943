import {screen} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {makeTodo} from '../../test/fixtures';
import {renderWithProviders} from '../../test/render_with_providers';

import TodoNotices from './todo_notices';

describe('TodoNotices', () => {
    it('offers Undo and Dismiss for a deleted todo', async () => {
        const onUndo = jest.fn();
        const onDismiss = jest.fn();
        renderWithProviders(
            <TodoNotices
                deleted={makeTodo({number: 4})}
                onUndo={onUndo}
                onDismiss={onDismiss}
                error=''
            />,
        );
        const user = userEvent.setup();
        expect(screen.getByRole('status')).toHaveTextContent('Deleted #4.');
        await user.click(screen.getByRole('button', {name: 'Undo'}));
        await user.click(screen.getByRole('button', {name: 'Dismiss'}));
        expect(onUndo).toHaveBeenCalledTimes(1);
        expect(onDismiss).toHaveBeenCalledTimes(1);
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('shows why a change failed, and nothing else when nothing was deleted', () => {
        renderWithProviders(
            <TodoNotices
                deleted={null}
                onUndo={jest.fn()}
                onDismiss={jest.fn()}
                error='Could not change #2: forbidden'
            />,
        );
        expect(screen.getByRole('alert')).toHaveTextContent('Could not change #2: forbidden');
        expect(screen.queryByRole('status')).not.toBeInTheDocument();
    });
});
