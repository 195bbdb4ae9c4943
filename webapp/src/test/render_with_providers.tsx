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
import type {ClientConfig} from '@mattermost/types/config';
import type {PreferenceType} from '@mattermost/types/preferences';
import type {Team} from '@mattermost/types/teams';
import type {UserProfile} from '@mattermost/types/users';

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
        profiles?: Record<string, UserProfile>;
        profilesInChannel?: Record<string, Set<string>>;
    };
    posts: {
        posts: Record<string, Post>;
    };
    preferences?: {myPreferences: Record<string, PreferenceType>};
    general?: {config: Partial<ClientConfig>; license: Record<string, string>};
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

export function makeUser(overrides: Partial<UserProfile> & {id: string; username: string}): UserProfile {
    return {
        first_name: '',
        last_name: '',
        nickname: '',
        email: `${overrides.username}@example.com`,
        ...overrides,
    } as UserProfile;
}

/**
 * A direct message channel as the web client's store keeps it: named after the two user
 * ids, with no display name and no team.
 */
export function makeDirectChannel(id: string, userIds: [string, string]): Channel {
    return makeChannel({id, type: 'D', name: userIds.join('__'), display_name: '', team_id: ''});
}

/** A group message channel as the store keeps it: a hashed name and no team. */
export function makeGroupChannel(id: string, displayName: string): Channel {
    return makeChannel({id, type: 'G', name: `${id}hash`, display_name: displayName, team_id: ''});
}

/** The people the store knows, who is in which channel, and the name format chosen. */
export function withPeople(entities: TestEntities, users: UserProfile[], {inChannel = {}, nameFormat, serverNameFormat}: {inChannel?: Record<string, string[]>; nameFormat?: string; serverNameFormat?: string} = {}): TestEntities {
    return {
        ...entities,
        users: {
            ...entities.users,
            profiles: Object.fromEntries(users.map((u) => [u.id, u])),
            profilesInChannel: Object.fromEntries(Object.entries(inChannel).map(([id, members]) => [id, new Set(members)])),
        },
        preferences: {
            myPreferences: nameFormat ? {'display_settings--name_format': {user_id: entities.users.currentUserId, category: 'display_settings', name: 'name_format', value: nameFormat}} : {},
        },
        general: {config: serverNameFormat ? {TeammateNameDisplay: serverNameFormat} : {}, license: {}},
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
