import {act, screen} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {notice} from '../../actions';
import {createFakeApi} from '../../test/fake_api';
import type {FakeApi} from '../../test/fake_api';
import {makeChannel, makeDirectChannel, makeEntities, makeGroupChannel, makeTestStore, makeUser, renderWithProviders, withPeople} from '../../test/render_with_providers';

import Sidebar from './index';

const town = makeChannel({id: 'town', display_name: 'Town Square', name: 'town-square', team_id: 'team1'});
const dev = makeChannel({id: 'dev', display_name: 'Developers', name: 'developers', team_id: 'team1'});

function setup(current: string, {api = createFakeApi(), locale = 'en'}: {api?: FakeApi; locale?: string} = {}) {
    const store = makeTestStore(makeEntities([town, dev], current));
    const view = renderWithProviders(<Sidebar client={api.client}/>, {store, locale});
    return {...view, api, store, user: userEvent.setup()};
}

describe('Sidebar', () => {
    it.each([
        {name: 'the current channel', current: 'town', heading: 'Todos in Town Square'},
        {name: 'another current channel', current: 'dev', heading: 'Todos in Developers'},
        {name: 'no channel', current: '', heading: 'Todos'},
    ])('names $name in its heading', async ({current, heading}) => {
        setup(current);
        expect(screen.getByRole('heading', {level: 2})).toHaveTextContent(heading);
        expect(screen.getByRole('region', {name: heading})).toBeInTheDocument();
        expect(await screen.findByText('No todos yet')).toBeInTheDocument();
    });

    it('shows the current channel\'s list', async () => {
        const api = createFakeApi();
        api.seed('dev', 'review the pull request');
        api.seed('town', 'not this one');
        setup('dev', {api});

        expect(await screen.findByText('review the pull request')).toBeInTheDocument();
        expect(screen.queryByText('not this one')).not.toBeInTheDocument();
    });

    // Issue 10.5: the first todo waited for two requests one after the other (who keeps
    // the list, then its first page). Now the answer to the first carries the page; this test
    // failed then (a second request, GET .../todos, before the todo showed).
    it('shows the first todos after one request: the page comes with who keeps the list', async () => {
        const api = createFakeApi();
        api.seed('dev', 'review the pull request');
        setup('dev', {api});

        expect(await screen.findByText('review the pull request')).toBeInTheDocument();
        expect(api.calls.filter((c) => c.startsWith('GET /api/channels/dev/'))).toEqual(['GET /api/channels/dev/tool?first_page=50']);
    });

    it('switches to Mine: my personal todos and those assigned to me, grouped by channel', async () => {
        const api = createFakeApi();
        api.seed('dev', 'assigned to me', {assignees: ['user1']});
        api.seed('dev', 'assigned to someone else', {assignees: ['user2']});
        await api.client.addMyTodo({text: 'water the plants'});
        const {user} = setup('town', {api});
        await screen.findByText('No todos yet');

        const mine = screen.getByRole('tab', {name: 'Mine'});
        expect(mine).toHaveAttribute('aria-selected', 'false');
        await user.click(mine);

        expect(mine).toHaveAttribute('aria-selected', 'true');
        expect(screen.getByRole('heading', {level: 2})).toHaveTextContent('My todos');
        const developers = await screen.findByRole('region', {name: 'Developers'});
        expect(developers).toHaveTextContent('assigned to me');
        expect(screen.getByRole('link', {name: 'Developers'})).toHaveAttribute('href', '/team-one/channels/developers');
        expect(screen.getByRole('region', {name: 'Personal'})).toHaveTextContent('water the plants');
        expect(screen.queryByText('assigned to someone else')).not.toBeInTheDocument();
    });

    describe('names direct and group messages as the web client does', () => {
        const bob = makeUser({id: 'user2', username: 'bob', first_name: 'Bob', last_name: 'Builder', nickname: 'Bobby'});
        const ann = makeUser({id: 'user3', username: 'ann', first_name: 'Ann', last_name: 'Archer'});
        const me = makeUser({id: 'user1', username: 'me', first_name: 'Me', last_name: 'Myself'});
        const dm = makeDirectChannel('dm', ['user2', 'user1']);
        const self = makeDirectChannel('self', ['user1', 'user1']);
        const gm = makeGroupChannel('gm', 'ann, bob, me');

        it.each([
            {setting: 'none (the server default)', current: 'dm', nameFormat: undefined, serverNameFormat: undefined, heading: 'Todos in bob'},
            {setting: 'the server\'s full names', current: 'dm', nameFormat: undefined, serverNameFormat: 'full_name', heading: 'Todos in Bob Builder'},
            {setting: 'my nicknames', current: 'dm', nameFormat: 'nickname_full_name', serverNameFormat: 'full_name', heading: 'Todos in Bobby'},
            {setting: 'my full names (a DM with myself)', current: 'self', nameFormat: 'full_name', serverNameFormat: undefined, heading: 'Todos in Me Myself'},
            {setting: 'my full names (a group)', current: 'gm', nameFormat: 'full_name', serverNameFormat: undefined, heading: 'Todos in Ann Archer, Bob Builder'},
        ])('with $setting', async ({current, nameFormat, serverNameFormat, heading}) => {
            const entities = withPeople(makeEntities([town, dm, self, gm], current), [me, bob, ann], {inChannel: {gm: ['user1', 'user2', 'user3']}, nameFormat, serverNameFormat});
            renderWithProviders(<Sidebar client={createFakeApi().client}/>, {store: makeTestStore(entities)});

            expect(screen.getByRole('heading', {level: 2})).toHaveTextContent(heading);
            expect(await screen.findByText('No todos yet')).toBeInTheDocument();
        });
    });

    it('moves between views with the arrow keys', async () => {
        const {user} = setup('town');
        await screen.findByText('No todos yet');
        screen.getByRole('tab', {name: 'Channel'}).focus();
        await user.keyboard('{ArrowRight}');
        expect(screen.getByRole('tab', {name: 'Mine'})).toHaveFocus();
        expect(screen.getByRole('tab', {name: 'Mine'})).toHaveAttribute('aria-selected', 'true');
        expect(await screen.findByText('Nothing on your list')).toBeInTheDocument();
    });

    it('shows a notice from the message menu until dismissed', async () => {
        const {store, user} = setup('town');
        await screen.findByText('No todos yet');
        act(() => {
            store.dispatch(notice({id: 'channel_todo.notice.added_channel', values: {number: 7}}));
        });
        const status = screen.getByRole('status');
        expect(status).toHaveTextContent('Added #7 to the channel\'s todos.');

        await user.click(screen.getByRole('button', {name: 'Dismiss'}));
        expect(screen.queryByRole('status')).not.toBeInTheDocument();
    });

    it('speaks Simplified Chinese for zh-CN users', async () => {
        setup('town', {locale: 'zh-CN'});
        expect(screen.getByRole('heading', {level: 2})).toHaveTextContent('Town Square 的待办');
        expect(screen.getByRole('tab', {name: '我的'})).toBeInTheDocument();
        expect(await screen.findByText('还没有待办事项')).toBeInTheDocument();
    });
});
