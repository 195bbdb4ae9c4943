// The acting user's own settings over REST (what the sidebar's "Reminder settings" uses), on the
// real server: they are the same settings `/todo settings` shows, bad input is refused and loses
// nothing, and the admin's "Daily digests" switch holds here too. They act as the admin, whose
// settings no other test file uses (files may run at the same time).
import {withSettings} from '../../harness/plugin_config';
import {TodoApi} from '../../harness/todo_api';
import {openScene} from '../../harness/scene';

const {stack, admin, chat} = openScene();

describe('GET/PUT /users/me/settings', () => {
    test('what is set over REST is what /todo settings shows, and the other way round', async () => {
        const channel = await chat.newChannel('settings-api');
        const api = TodoApi.as(stack.admin, stack.siteURL);
        try {
            const put = await api.request('PUT', '/users/me/settings', {body: {digest_time: '7:45', notify_completion: true}});
            expect(put.status).toBe(200);
            expect(put.json).toEqual({digest_time: '07:45', notify_completion: true, digests_allowed: true});

            expect(await chat.privately(stack.admin, channel, '/todo settings')).toContain('Your settings: daily digest 07:45; completion notices on.');

            await chat.privately(stack.admin, channel, '/todo settings digest on 18:30');
            const get = await api.request('GET', '/users/me/settings');
            expect(get.status).toBe(200);
            expect(get.json).toEqual({digest_time: '18:30', notify_completion: true, digests_allowed: true});
        } finally {
            await api.request('PUT', '/users/me/settings', {body: {digest_time: '', notify_completion: false}});
        }
    });

    test.each([
        {name: 'an hour past 23', body: {digest_time: '24:00'}, status: 400, code: 'invalid_digest_time'},
        {name: 'words for a time', body: {digest_time: 'tomorrow morning'}, status: 400, code: 'invalid_digest_time'},
        {name: 'a number for a time', body: {digest_time: 900}, status: 400, code: 'invalid_json'},
        {name: 'a string for a switch', body: {notify_completion: 'yes'}, status: 400, code: 'invalid_json'},
        {name: 'an unknown field', body: {digests_allowed: true}, status: 400, code: 'invalid_json'},
    ])('refuses $name and loses nothing', async ({body, status, code}) => {
        const api = TodoApi.as(stack.admin, stack.siteURL);
        try {
            expect((await api.request('PUT', '/users/me/settings', {body: {digest_time: '08:00', notify_completion: true}})).status).toBe(200);
            const answer = await api.request('PUT', '/users/me/settings', {body});
            expect(answer.status).toBe(status);
            expect(answer.json).toMatchObject({code});
            expect((answer.json as {error: string}).error).not.toBe('');
            expect((await api.request('GET', '/users/me/settings')).json).toEqual({digest_time: '08:00', notify_completion: true, digests_allowed: true});
        } finally {
            await api.request('PUT', '/users/me/settings', {body: {digest_time: '', notify_completion: false}});
        }
    });

    test('a digest is refused when the admin does not allow digests; turning it off is not', async () => {
        const api = TodoApi.as(stack.admin, stack.siteURL);
        expect((await api.request('PUT', '/users/me/settings', {body: {digest_time: '06:00'}})).status).toBe(200);
        await withSettings(admin, {digestsallowed: 'off'}, async () => {
            expect((await api.request('GET', '/users/me/settings')).json).toEqual({digest_time: '06:00', notify_completion: false, digests_allowed: false});
            const refused = await api.request('PUT', '/users/me/settings', {body: {digest_time: '07:00'}});
            expect(refused.status).toBe(403);
            expect(refused.json).toEqual({code: 'digests_not_allowed', error: 'Daily digests are turned off by the system admin.'});
            const off = await api.request('PUT', '/users/me/settings', {body: {digest_time: ''}});
            expect(off.status).toBe(200);
            expect(off.json).toEqual({digest_time: '', notify_completion: false, digests_allowed: false});
        });
    });

    test('needs a logged-in user', async () => {
        const anonymous = new TodoApi(stack.siteURL);
        expect((await anonymous.request('GET', '/users/me/settings')).status).toBe(401);
        expect((await anonymous.request('PUT', '/users/me/settings', {body: {notify_completion: true}})).status).toBe(401);
    });
});
