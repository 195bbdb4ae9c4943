import {act, screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import type {ComponentType, ReactNode} from 'react';
import type {Reducer} from 'redux';

import type {Channel} from '@mattermost/types/channels';

import {listLoaded, viewChosen} from './actions';
import {getTranslations} from './i18n';
import {POPOUT_READY, POPOUT_VIEW} from './popout';
import reducer from './reducer';
import type {PluginState} from './reducer';
import {pluginStateKey} from './selectors';
import {createFakeApi} from './test/fake_api';
import type {FakeApi} from './test/fake_api';
import {makeTodo} from './test/fixtures';
import {makeChannel, makeEntities, makePost, makeTestStore, makeUser, renderWithProviders, withPeople} from './test/render_with_providers';
import type {HostPopouts, HostStore, MattermostPlugin, PluginRegistry, RHSPopoutListeners, RHSRegistration, WebSocketMessage} from './types/registry';

// A registry that records what the plugin registers, like the host's, and hands
// back the same kind of values (ids, RHS actions with a thunk to toggle).
class RecordingRegistry implements PluginRegistry {
    rhs: Array<{component: ComponentType; title: ReactNode}> = [];
    headerButtons: Array<{icon: ReactNode; action: (channel: Channel) => void; dropdownText: ReactNode; tooltipText: ReactNode}> = [];
    appBar: Array<{iconUrl: string; action: (channel: Channel) => void; tooltipText: ReactNode}> = [];
    postMenu: Array<{text: ReactNode; action: (postId: string) => void; filter?: (postId: string) => boolean}> = [];
    wsHandlers = new Map<string, (msg: WebSocketMessage) => void>();
    reconnectHandlers: Array<() => void> = [];
    reducers: Reducer[] = [];
    translations: Array<(locale: string) => Record<string, string>> = [];
    toggles = 0;

    registerRightHandSidebarComponent(component: ComponentType, title: ReactNode): RHSRegistration {
        this.rhs.push({component, title});
        return {
            id: 'rhs-1',
            showRHSPlugin: {type: 'SHOW_RHS_PLUGIN', pluggableId: 'rhs-1'},
            hideRHSPlugin: () => undefined,
            toggleRHSPlugin: () => {
                this.toggles++;
            },
        };
    }
    registerChannelHeaderButtonAction(icon: ReactNode, action: (channel: Channel) => void, dropdownText: ReactNode, tooltipText: ReactNode) {
        this.headerButtons.push({icon, action, dropdownText, tooltipText});
        return 'header-1';
    }
    registerPostDropdownMenuAction(text: ReactNode, action: (postId: string) => void, filter?: (postId: string) => boolean) {
        this.postMenu.push({text, action, filter});
        return `post-menu-${this.postMenu.length}`;
    }
    registerWebSocketEventHandler(event: string, handler: (msg: WebSocketMessage) => void) {
        this.wsHandlers.set(event, handler);
    }
    registerReconnectHandler(handler: () => void) {
        this.reconnectHandlers.push(handler);
    }
    registerReducer(reducer: Reducer) {
        this.reducers.push(reducer);
    }
    registerTranslations(loader: (locale: string) => Record<string, string>) {
        this.translations.push(loader);
    }
}

// A v11.3+ registry: it also takes a listener for sidebars popped out into windows.
class RecordingRegistryWithPopout extends RecordingRegistry {
    popoutListeners: Array<{pluginId: string; onPopoutOpened: (teamName: string, channelName: string, listeners: Partial<RHSPopoutListeners>) => void}> = [];

    registerRHSPluginPopoutListener(pluginId: string, onPopoutOpened: (teamName: string, channelName: string, listeners: Partial<RHSPopoutListeners>) => void) {
        this.popoutListeners.push({pluginId, onPopoutOpened});
    }
}

// The two ends of a pop-out as the host wires them: what the opener sends reaches
// the popped-out window's handler, and the other way round.
function popoutChannel() {
    const toPopout: Array<(channel: string, ...args: unknown[]) => void> = [];
    const toOpener: Array<(channel: string, ...args: unknown[]) => void> = [];
    const sentToPopout: unknown[][] = [];
    const opener: RHSPopoutListeners = {
        onMessageFromPopout: (cb) => toOpener.push(cb),
        sendToPopout: (channel, ...args) => {
            sentToPopout.push([channel, ...args]);
            toPopout.forEach((cb) => cb(channel, ...args));
        },
    };
    const popouts: HostPopouts = {
        isPopoutWindow: () => true,
        onMessageFromParent: (cb) => toPopout.push(cb),
        sendToParent: (channel, ...args) => toOpener.forEach((cb) => cb(channel, ...args)),
    };
    return {opener, popouts, sentToPopout};
}

class RecordingRegistryWithAppBar extends RecordingRegistry {
    registerAppBarComponent(iconUrl: string, action: (channel: Channel) => void, tooltipText: ReactNode) {
        this.appBar.push({iconUrl, action, tooltipText});
        return 'app-bar-1';
    }
}

type Registered = {id: string; plugin: MattermostPlugin};

// index.tsx registers itself when it loads, as it does in the web client. It is
// loaded once per test file, sharing React and react-redux with the test's render.
const registered: Registered[] = [];
beforeAll(async () => {
    window.registerPlugin = (id, plugin) => {
        registered.push({id, plugin});
    };
    await import('./index');
});

function loadPlugin(): Registered {
    expect(registered).toHaveLength(1);
    return registered[0];
}

const town = makeChannel({id: 'town', display_name: 'Town Square'});

let api: FakeApi;
beforeEach(() => {
    // The plugin's own client uses the browser's fetch.
    api = createFakeApi();
    window.fetch = api.fetch as typeof fetch;
});

// Initializes the plugin against a registry and a store, then builds the store a
// host would have afterwards: its entities plus the registered reducer under the
// plugin's key.
function initialize(registry: RecordingRegistry) {
    const {plugin} = loadPlugin();
    const store = makeTestStore(makeEntities([town], 'town'), {});
    plugin.initialize(registry, store as unknown as HostStore);
    const hosted = makeTestStore(
        makeEntities([town], 'town'),
        Object.fromEntries(registry.reducers.map((r) => [pluginStateKey, r])),
    );
    return {plugin, store, hosted};
}

describe('plugin registration', () => {
    it('registers under the manifest id', () => {
        const {id, plugin} = loadPlugin();
        expect(id).toBe('channel-todo');
        expect(typeof plugin.initialize).toBe('function');
        expect(typeof plugin.uninitialize).toBe('function');
    });

    it('registers the sidebar with its title, and the sidebar renders', async () => {
        const registry = new RecordingRegistry();
        const {hosted} = initialize(registry);

        expect(registry.rhs).toHaveLength(1);
        const {component: Sidebar, title} = registry.rhs[0];
        renderWithProviders(
            <>
                <header>{title}</header>
                <Sidebar/>
            </>,
            {store: hosted},
        );
        expect(screen.getByRole('banner')).toHaveTextContent('Channel Todo');
        expect(screen.getByRole('heading', {name: 'Todos in Town Square'})).toBeInTheDocument();
        expect(await screen.findByText('No todos yet')).toBeInTheDocument();
    });

    it('registers a channel header button that toggles the sidebar through the store', async () => {
        const registry = new RecordingRegistry();
        initialize(registry);

        expect(registry.headerButtons).toHaveLength(1);
        const button = registry.headerButtons[0];
        renderWithProviders(
            <button
                type='button'
                onClick={() => button.action(town)}
            >
                {button.icon}
                {button.tooltipText}
            </button>,
        );
        const rendered = screen.getByRole('button', {name: 'Open Channel Todo'});
        expect(rendered.querySelector('svg')).not.toBeNull();

        await userEvent.click(rendered);
        expect(registry.toggles).toBe(1);
        await userEvent.click(rendered);
        expect(registry.toggles).toBe(2);
    });

    it('registers an App Bar item with an inline icon when the host supports it', () => {
        const registry = new RecordingRegistryWithAppBar();
        initialize(registry);

        expect(registry.appBar).toHaveLength(1);
        expect(registry.appBar[0].iconUrl).toMatch(/^data:image\/svg\+xml;base64,/);
        const svg = atob(registry.appBar[0].iconUrl.split(',')[1]);
        expect(svg).toContain('<svg');

        registry.appBar[0].action(town);
        expect(registry.toggles).toBe(1);
    });

    it('skips the App Bar on hosts without it', () => {
        const registry = new RecordingRegistry();
        expect(() => initialize(registry)).not.toThrow();
        expect(registry.appBar).toHaveLength(0);
        expect(registry.headerButtons).toHaveLength(1);
    });

    it('registers English and Simplified Chinese translations', () => {
        const registry = new RecordingRegistry();
        initialize(registry);

        expect(registry.translations).toHaveLength(1);
        const load = registry.translations[0];
        expect(load('en')['channel_todo.rhs.title']).toBe('Channel Todo');
        expect(load('zh-CN')).toEqual(getTranslations('zh-CN'));
        expect(load('zh-CN')['channel_todo.rhs.title']).not.toBe('Channel Todo');
    });

    it('handles todo_changed events and reconnects through its reducer', () => {
        const registry = new RecordingRegistry();
        const {store} = initialize(registry);
        expect(registry.reducers).toHaveLength(1);

        // The handler dispatches into the store the plugin was given; check what it
        // dispatched by running it through the registered reducer.
        const dispatched: unknown[] = [];
        const spy = jest.spyOn(store, 'dispatch').mockImplementation((action) => {
            dispatched.push(action);
            return action;
        });
        const handler = registry.wsHandlers.get('custom_channel-todo_todo_changed');
        expect(handler).toBeDefined();
        const todo = makeTodo({scope: {kind: 'channel', channel_id: 'town'}});
        const broadcast = {omit_users: null, user_id: '', channel_id: 'town', team_id: ''};
        const data = {action: 'added', list_id: todo.list_id, channel_id: 'town', user_id: '', todo_id: todo.id, todo: JSON.stringify(todo)};
        act(() => {
            handler!({event: 'custom_channel-todo_todo_changed', data: {...data, version: 3}, broadcast, seq: 1});
            handler!({event: 'custom_channel-todo_todo_changed', data: {...data, version: 2}, broadcast, seq: 2});
            handler!({event: 'custom_channel-todo_todo_changed', data: {bogus: true}, broadcast, seq: 3});
            registry.reconnectHandlers.forEach((h) => h());
        });
        spy.mockRestore();

        expect(dispatched).toHaveLength(3);
        const reducer = registry.reducers[0];
        const loaded = reducer(undefined, listLoaded(todo.list_id, [], 2));
        const state = dispatched.reduce((s, a) => reducer(s, a as {type: string}), loaded) as PluginState;
        expect(state.lists[todo.list_id]).toEqual({todos: [todo], version: 3, stale: true});
        expect(state.changes).toBe(2);
        expect(state.reconnects).toBe(1);
    });

    it('counts tool_changed events per list through its reducer', () => {
        const registry = new RecordingRegistry();
        const {store} = initialize(registry);
        const dispatched: unknown[] = [];
        const spy = jest.spyOn(store, 'dispatch').mockImplementation((action) => {
            dispatched.push(action);
            return action;
        });
        const handler = registry.wsHandlers.get('custom_channel-todo_tool_changed');
        expect(handler).toBeDefined();
        const broadcast = {omit_users: null, user_id: '', channel_id: 'town', team_id: ''};
        act(() => {
            handler!({event: 'custom_channel-todo_tool_changed', data: {list_id: 'c_town', channel_id: 'town', verb: 'add'}, broadcast, seq: 1});
            handler!({event: 'custom_channel-todo_tool_changed', data: {list_id: 'c_town', channel_id: 'town', verb: 'list'}, broadcast, seq: 2});
        });
        spy.mockRestore();

        expect(dispatched).toHaveLength(1);
        const reducer = registry.reducers[0];
        const state = dispatched.reduce((s, a) => reducer(s, a as {type: string}), undefined) as PluginState;
        expect(state.toolChanges).toEqual({c_town: 1});
    });

    it('adds a todo from a message through the message menu and opens the sidebar', async () => {
        const registry = new RecordingRegistry();
        const {plugin} = loadPlugin();
        const posts = [
            makePost({id: 'root1', channel_id: 'town', message: 'Please **review** the plan'}),
            makePost({id: 'reply1', channel_id: 'town', root_id: 'root1', message: 'and the budget'}),
            makePost({id: 'join1', channel_id: 'town', type: 'system_join_channel', message: 'joined'}),
            makePost({id: 'files1', channel_id: 'town', message: ''}),
        ];
        const store = makeTestStore(makeEntities([town], 'town', posts));
        const dispatched: unknown[] = [];
        const dispatch = store.dispatch;
        store.dispatch = ((action: unknown) => {
            dispatched.push(action);
            return dispatch(action as {type: string});
        }) as typeof store.dispatch;
        plugin.initialize(registry, store as unknown as HostStore);

        expect(registry.postMenu).toHaveLength(2);
        renderWithProviders(<ul>{registry.postMenu.map((m, i) => <li key={i}>{m.text}</li>)}</ul>);
        expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Add to channel todo', 'Add to my todos']);

        const [toChannel, toMine] = registry.postMenu;
        expect(['root1', 'reply1', 'join1', 'files1', 'unknown'].map((id) => toChannel.filter!(id))).toEqual([true, true, false, false, false]);

        toChannel.action('reply1');
        await waitFor(() => expect(api.listOf('c_town')).toHaveLength(1));
        const [todo] = api.listOf('c_town');
        expect(todo).toMatchObject({text: 'and the budget', post_id: 'reply1', root_id: 'root1'});
        expect(dispatched).toContainEqual({type: 'SHOW_RHS_PLUGIN', pluggableId: 'rhs-1'});
        await waitFor(() => expect((store.getState()[pluginStateKey] as PluginState).notice).toEqual({id: 'channel_todo.notice.added_channel', values: {number: 1}}));

        toMine.action('root1');
        await waitFor(() => expect(api.listOf('u_user1')).toHaveLength(1));
        expect(api.listOf('u_user1')[0]).toMatchObject({text: 'Please **review** the plan', post_id: 'root1', root_id: 'root1'});

        api.failNext('POST', /\/todos$/, 403, 'channel_archived', 'This channel is archived.');
        toChannel.action('root1');
        await waitFor(() => expect((store.getState()[pluginStateKey] as PluginState).notice).toEqual({id: 'channel_todo.notice.add_failed', values: {error: 'This channel is archived.'}}));
    });

    it('says why the message menu could not add a todo in the user\'s language, as the sidebar does', async () => {
        const registry = new RecordingRegistry();
        const {plugin} = loadPlugin();
        const posts = [makePost({id: 'root1', channel_id: 'town', message: 'Please review the plan'})];
        const entities = withPeople(makeEntities([town], 'town', posts), [makeUser({id: 'user1', username: 'ann', locale: 'zh-CN'})]);
        const store = makeTestStore(entities);
        plugin.initialize(registry, store as unknown as HostStore);

        api.failNext('POST', /\/todos$/, 403, 'channel_archived', 'This channel is archived.');
        registry.postMenu[0].action('root1');
        await waitFor(() => expect((store.getState()[pluginStateKey] as PluginState).notice).toEqual({id: 'channel_todo.notice.add_failed', values: {error: '该频道已归档，其待办列表只读。'}}));
    });
});

describe('pop-out', () => {
    afterEach(() => {
        delete (window as {WebappUtils?: unknown}).WebappUtils;
    });

    // The opener's store with the plugin's reducer, as the web client would hold it.
    function initializeWithReducer(registry: RecordingRegistry) {
        const {plugin} = loadPlugin();
        const store = makeTestStore(makeEntities([town], 'town'), {[pluginStateKey]: reducer});
        plugin.initialize(registry, store as unknown as HostStore);
        return store;
    }

    it('registers a pop-out listener under the plugin id on hosts that have it', () => {
        const registry = new RecordingRegistryWithPopout();
        initializeWithReducer(registry);
        expect(registry.popoutListeners.map((l) => l.pluginId)).toEqual(['channel-todo']);
    });

    it('works on hosts without pop-outs', () => {
        const registry = new RecordingRegistry();
        expect(() => initializeWithReducer(registry)).not.toThrow();
        expect(registry.rhs).toHaveLength(1);
    });

    it.each([
        {view: 'mine' as const},
        {view: 'channel' as const},
    ])('a popped-out sidebar opens on the opener\'s view ($view), from a fresh store', async ({view}) => {
        const {opener, popouts, sentToPopout} = popoutChannel();

        // The opener: the person chose a view, then popped the sidebar out.
        const openerRegistry = new RecordingRegistryWithPopout();
        const openerStore = initializeWithReducer(openerRegistry);
        openerStore.dispatch(viewChosen(view));
        openerRegistry.popoutListeners[0].onPopoutOpened('team-one', 'town-square', opener);

        // The popped-out window: the plugin starts again on a store of its own.
        (window as {WebappUtils?: unknown}).WebappUtils = {popouts};
        const popoutRegistry = new RecordingRegistry();
        const popoutStore = initializeWithReducer(popoutRegistry);

        expect(sentToPopout).toEqual([[POPOUT_VIEW, view]]);
        const {component: Sidebar} = popoutRegistry.rhs[0];
        api.seed('town', 'read from the server');
        renderWithProviders(<Sidebar/>, {store: popoutStore});
        expect(screen.getByRole('tab', {name: view === 'mine' ? 'Mine' : 'Channel'})).toHaveAttribute('aria-selected', 'true');
        if (view === 'channel') {
            expect(await screen.findByText('read from the server')).toBeInTheDocument();
        } else {
            expect(await screen.findByText('Nothing on your list')).toBeInTheDocument();
        }
    });

    it('ignores other messages and unknown views', () => {
        const {opener, popouts, sentToPopout} = popoutChannel();
        const openerRegistry = new RecordingRegistryWithPopout();
        initializeWithReducer(openerRegistry);
        openerRegistry.popoutListeners[0].onPopoutOpened('team-one', 'town-square', opener);

        (window as {WebappUtils?: unknown}).WebappUtils = {popouts};
        const popoutStore = initializeWithReducer(new RecordingRegistry());
        expect(sentToPopout).toHaveLength(1);

        // The opener answers only the ready message.
        popouts.sendToParent?.('someone-elses-message');
        expect(sentToPopout).toHaveLength(1);
        popouts.sendToParent?.(POPOUT_READY);
        expect(sentToPopout).toHaveLength(2);

        // The popped-out side takes only a known view from the opener.
        opener.sendToPopout(POPOUT_VIEW, 'everything');
        opener.sendToPopout('someone-elses-message', 'mine');
        expect((popoutStore.getState()[pluginStateKey] as PluginState).view).toBe('channel');
    });
});
