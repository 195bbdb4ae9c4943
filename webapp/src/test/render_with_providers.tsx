// Renders components the way the host does: inside its Redux store and an
// IntlProvider with this plugin's translations for the chosen locale.
import {render} from '@testing-library/react';
import type {RenderOptions, RenderResult} from '@testing-library/react';
import React from 'react';
import {IntlProvider} from 'react-intl';
import {Provider} from 'react-redux';
import {applyMiddleware, combineReducers, legacy_createStore as createStore} from 'redux';
import type {Middleware, Reducer, Store} from 'redux';

import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';
import type {Team} from '@mattermost/types/teams';

import {getTranslations} from '../i18n';
import reducer from '../reducer';
import {pluginStateKey} from '../selectors';

export type TestEntities = {
    channels: {
        currentChannelId: string;
        channels: Record<string, Channel>;
    };
    teams: {
        currentTeamId: string;
        teams: Record<string, Team>;
    };
    users: {
        currentUserId: string;
    };
    posts: {
        posts: Record<string, Post>;
    };
};

export type TestState = {
    entities: TestEntities;
    [pluginKey: string]: unknown;
};

export function makeChannel(overrides: Partial<Channel> & {id: string}): Channel {
    return {
        create_at: 0,
        update_at: 0,
        delete_at: 0,
        team_id: 'team1',
        type: 'O',
        display_name: overrides.id,
        name: overrides.id,
        header: '',
        purpose: '',
        last_post_at: 0,
        last_root_post_at: 0,
        creator_id: 'user1',
        scheme_id: '',
        group_constrained: false,
        ...overrides,
    };
}

export function makeEntities(channels: Channel[] = [], currentChannelId = '', posts: Post[] = []): TestEntities {
    return {
        channels: {
            currentChannelId,
            channels: Object.fromEntries(channels.map((c) => [c.id, c])),
        },
        teams: {
            currentTeamId: 'team1',
            teams: {team1: {id: 'team1', name: 'team-one', display_name: 'Team One'} as Team},
        },
        users: {currentUserId: 'user1'},
        posts: {posts: Object.fromEntries(posts.map((p) => [p.id, p]))},
    };
}

export function makePost(overrides: Partial<Post> & {id: string}): Post {
    return {
        create_at: 0,
        update_at: 0,
        edit_at: 0,
        delete_at: 0,
        is_pinned: false,
        user_id: 'user1',
        channel_id: 'town',
        root_id: '',
        original_id: '',
        message: '',
        type: '',
        props: {},
        hashtags: '',
        pending_post_id: '',
        reply_count: 0,
        metadata: {} as Post['metadata'],
        ...overrides,
    };
}

// The host's store runs thunks (the sidebar toggle is one); this is the whole of
// redux-thunk that the plugin relies on.
const thunk: Middleware = (api) => (next) => (action) => {
    if (typeof action === 'function') {
        return action(api.dispatch, api.getState);
    }
    return next(action);
};

/**
 * A store shaped like the host's: fixed entities plus the plugin's reducer under
 * its key (or extra reducers, as a host adds the ones plugins register).
 */
export function makeTestStore(entities: TestEntities = makeEntities(), pluginReducers: Record<string, Reducer> = {[pluginStateKey]: reducer}): Store<TestState> {
    const root = combineReducers({
        entities: (state: TestEntities = entities) => state,
        ...pluginReducers,
    });
    return createStore(root, applyMiddleware(thunk)) as unknown as Store<TestState>;
}

type Options = Omit<RenderOptions, 'wrapper'> & {
    store?: Store<TestState>;
    locale?: string;
};

export function renderWithProviders(ui: React.ReactElement, {store = makeTestStore(), locale = 'en', ...options}: Options = {}): RenderResult & {store: Store<TestState>} {
    function Wrapper({children}: {children: React.ReactNode}) {
        return (
            <Provider store={store}>
                <IntlProvider
                    locale={locale}
                    defaultLocale='en'
                    messages={getTranslations(locale)}
                >
                    {children}
                </IntlProvider>
            </Provider>
        );
    }
    return {store, ...render(ui, {wrapper: Wrapper, ...options})};
}
