import {fireEvent, screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {TodoClient} from '../../client';
import {renderWithProviders} from '../../test/render_with_providers';
import type {SettingsChange, UserSettings} from '../../types/todo';

import MySettings from './index';

function reply(status: number, body: unknown): Response {
    const text = JSON.stringify(body);
    return {ok: status < 300, status, statusText: String(status), text: async () => text} as unknown as Response;
}

/** A server for /users/me/settings only, with the server's rules for times and the admin switch. */
function settingsServer(initial: Partial<UserSettings> = {}) {
    const state: UserSettings = {digest_time: '', notify_completion: false, digests_allowed: true, ...initial};
    const puts: SettingsChange[] = [];
    const fetchFn = async (input: string, init?: RequestInit): Promise<Response> => {
        if (!input.endsWith('/users/me/settings')) {
            return reply(404, {error: 'Not found.', code: 'not_found'});
        }
        if (init?.method === 'PUT') {
            const change = JSON.parse(String(init.body)) as SettingsChange;
            puts.push(change);
            if (change.digest_time && !(/^\d{1,2}:\d{2}$/).test(change.digest_time)) {
                return reply(400, {error: 'The digest time must be a 24-hour time like "09:00".', code: 'invalid_digest_time'});
            }
            if (change.digest_time && !state.digests_allowed) {
                return reply(403, {error: 'Daily digests are turned off by the system admin.', code: 'digests_not_allowed'});
            }
            Object.assign(state, change);
        }
        return reply(200, state);
    };
    return {client: new TodoClient('/api', fetchFn, ''), state, puts};
}

function setup(initial: Partial<UserSettings> = {}, locale = 'en') {
    const server = settingsServer(initial);
    renderWithProviders(<MySettings client={server.client}/>, {locale});
    return {...server, user: userEvent.setup()};
}

describe('MySettings', () => {
    it('reads the settings only when opened, and shows them', async () => {
        const {user, puts} = setup({digest_time: '07:30', notify_completion: true});
        expect(screen.queryByRole('checkbox', {name: 'Daily digest', hidden: true})).toBeNull();

        await user.click(screen.getByText('Reminder settings'));

        expect(await screen.findByRole('checkbox', {name: 'Daily digest'})).toBeChecked();
        expect(screen.getByLabelText('Digest time')).toHaveValue('07:30');
        expect(screen.getByRole('checkbox', {name: 'Tell me when someone else completes a todo I created'})).toBeChecked();
        expect(puts).toEqual([]);
    });

    it('turns the digest on at the chosen time, moves it, and turns it off', async () => {
        const {user, puts, state} = setup();
        await user.click(screen.getByText('Reminder settings'));
        const digest = await screen.findByRole('checkbox', {name: 'Daily digest'});
        expect(digest).not.toBeChecked();

        fireEvent.change(screen.getByLabelText('Digest time'), {target: {value: '08:15'}});
        expect(puts).toEqual([]);
        await user.click(digest);
        await waitFor(() => expect(digest).toBeChecked());
        expect(state.digest_time).toBe('08:15');

        fireEvent.change(screen.getByLabelText('Digest time'), {target: {value: '18:00'}});
        await waitFor(() => expect(state.digest_time).toBe('18:00'));

        await waitFor(() => expect(digest).toBeEnabled());
        await user.click(digest);
        await waitFor(() => expect(digest).not.toBeChecked());
        expect(puts).toEqual([{digest_time: '08:15'}, {digest_time: '18:00'}, {digest_time: ''}]);
        expect(state.digest_time).toBe('');
    });

    it('turns the completion notice on and off', async () => {
        const {user, state} = setup();
        await user.click(screen.getByText('Reminder settings'));
        const completion = await screen.findByRole('checkbox', {name: 'Tell me when someone else completes a todo I created'});

        await user.click(completion);
        await waitFor(() => expect(completion).toBeChecked());
        expect(state.notify_completion).toBe(true);
        await waitFor(() => expect(completion).toBeEnabled());
        await user.click(completion);
        await waitFor(() => expect(completion).not.toBeChecked());
        expect(state.notify_completion).toBe(false);
    });

    it('says so when the admin does not allow digests, and offers no digest', async () => {
        const {user} = setup({digests_allowed: false});
        await user.click(screen.getByText('Reminder settings'));

        expect(await screen.findByRole('checkbox', {name: 'Daily digest'})).toBeDisabled();
        expect(screen.getByLabelText('Digest time')).toBeDisabled();
        expect(screen.getByText('Daily digests are turned off by the system admin.')).toBeInTheDocument();
    });

    it('shows the server\'s refusal and keeps what was saved', async () => {
        const {user, state} = setup({digest_time: '09:00'});
        state.digests_allowed = false;
        await user.click(screen.getByText('Reminder settings'));
        await screen.findByRole('checkbox', {name: 'Daily digest'});

        fireEvent.change(screen.getByLabelText('Digest time'), {target: {value: '10:00'}});

        expect(await screen.findByRole('alert')).toHaveTextContent('Could not load or save the settings: Daily digests are turned off by the system admin.');
        expect(state.digest_time).toBe('09:00');
        expect(screen.getByRole('checkbox', {name: 'Daily digest'})).toBeChecked();
    });

    it('speaks Chinese', async () => {
        const {user} = setup({}, 'zh-CN');
        await user.click(screen.getByText('提醒设置'));
        expect(await screen.findByRole('checkbox', {name: '每日摘要'})).toBeInTheDocument();
        expect(screen.getByLabelText('摘要时间')).toBeInTheDocument();
    });
});
