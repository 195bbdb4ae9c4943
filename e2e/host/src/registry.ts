// The plugin registry the host hands each plugin, modelled on the web client's
// (v11): methods take positional arguments or one object with the same names.
// Everything registered lands in one observable list that the host UI renders;
// nothing of it goes into the Redux store, which stays plain data.
import React from 'react';
import type {ComponentType, ReactNode} from 'react';
import type {Reducer} from 'redux';

import type {Channel, ChannelMembership} from '@mattermost/types/channels';
import type {WebSocketMessage} from '@mattermost/client';

import {HostActions} from './store';
import type {HostState, HostStore} from './store';

type ChannelAction = (channel: Channel, member?: ChannelMembership) => void;

export type RhsRegistration = {id: string; pluginId: string; component: ComponentType; title: ReactNode};
export type HeaderButtonRegistration = {id: string; pluginId: string; icon: ReactNode; action: ChannelAction; dropdownText: ReactNode; tooltipText: ReactNode};
export type AppBarRegistration = {id: string; pluginId: string; iconUrl: string; action?: ChannelAction; tooltipText: ReactNode; rhsComponentId?: string};
export type PostMenuRegistration = {id: string; pluginId: string; text: ReactNode; action: (postId: string) => void; filter?: (postId: string) => boolean};
export type RootRegistration = {id: string; pluginId: string; component: ComponentType};
export type RecordedCall = {pluginId: string; method: string};

export type Registrations = {
    rhs: RhsRegistration[];
    headerButtons: HeaderButtonRegistration[];
    appBar: AppBarRegistration[];
    postMenu: PostMenuRegistration[];
    root: RootRegistration[];

    /** Calls the host accepts without rendering anything for them. */
    recorded: RecordedCall[];
};

type TranslationsLoader = (locale: string) => Record<string, string> | Promise<Record<string, string>>;

const empty: Registrations = {rhs: [], headerButtons: [], appBar: [], postMenu: [], root: [], recorded: []};

/** All plugins' registrations, with a subscription for React's useSyncExternalStore. */
export class Registrations$ {
    private current: Registrations = empty;
    private listeners = new Set<() => void>();
    private wsHandlers = new Map<string, Map<string, (msg: WebSocketMessage) => void>>();
    private reconnectHandlers = new Map<string, () => void>();
    private translations = new Map<string, TranslationsLoader>();
    private loadedMessages = new Map<string, Record<string, string>>();

    // Merged per locale and kept until translations change, so IntlProvider sees
    // the same object between registrations.
    private mergedMessages = new Map<string, Record<string, string>>();
    private nextId = 1;

    subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    getSnapshot = (): Registrations => this.current;

    newId(pluginId: string): string {
        return `${pluginId}_${this.nextId++}`;
    }

    update(change: (r: Registrations) => Partial<Registrations>): void {
        this.current = {...this.current, ...change(this.current)};
        this.listeners.forEach((l) => l());
    }

    removeById(id: string): void {
        this.update((r) => ({
            rhs: r.rhs.filter((x) => x.id !== id),
            headerButtons: r.headerButtons.filter((x) => x.id !== id),
            appBar: r.appBar.filter((x) => x.id !== id),
            postMenu: r.postMenu.filter((x) => x.id !== id),
            root: r.root.filter((x) => x.id !== id),
        }));
    }

    removePlugin(pluginId: string): void {
        this.wsHandlers.forEach((byPlugin) => byPlugin.delete(pluginId));
        this.reconnectHandlers.delete(pluginId);
        this.translations.delete(pluginId);
        this.loadedMessages.clear();
        this.mergedMessages.clear();
        const keep = <T extends {pluginId: string}>(xs: T[]) => xs.filter((x) => x.pluginId !== pluginId);
        this.update((r) => ({
            rhs: keep(r.rhs), headerButtons: keep(r.headerButtons), appBar: keep(r.appBar),
            postMenu: keep(r.postMenu), root: keep(r.root), recorded: keep(r.recorded),
        }));
    }

    setWebSocketHandler(pluginId: string, event: string, handler: ((msg: WebSocketMessage) => void) | null): void {
        const byPlugin = this.wsHandlers.get(event) ?? new Map();
        if (handler) {
            byPlugin.set(pluginId, handler);
        } else {
            byPlugin.delete(pluginId);
        }
        this.wsHandlers.set(event, byPlugin);
    }

    setReconnectHandler(pluginId: string, handler: (() => void) | null): void {
        if (handler) {
            this.reconnectHandlers.set(pluginId, handler);
        } else {
            this.reconnectHandlers.delete(pluginId);
        }
    }

    setTranslations(pluginId: string, loader: TranslationsLoader): void {
        this.translations.set(pluginId, loader);
        this.loadedMessages.clear();
        this.mergedMessages.clear();
        this.update(() => ({}));
    }

    /** Runs every handler registered for the message's event; one failing does not stop the rest. */
    dispatchWebSocketEvent(msg: WebSocketMessage): void {
        this.wsHandlers.get(msg.event)?.forEach((handler, pluginId) => {
            try {
                handler(msg);
            } catch (err) {
                console.error(`plugin ${pluginId} failed handling ${msg.event}`, err);
            }
        });
    }

    dispatchReconnect(): void {
        this.reconnectHandlers.forEach((handler) => handler());
    }

    /**
     * Every plugin's messages for a locale, merged. Loaders that answer at once are
     * used at once, so plugin components never render before their translations;
     * a loader's promise fills in later and re-renders.
     */
    messagesFor(locale: string): Record<string, string> {
        const cached = this.mergedMessages.get(locale);
        if (cached) {
            return cached;
        }
        const all: Record<string, string> = {};
        for (const [pluginId, loader] of this.translations) {
            const key = `${pluginId}\u0000${locale}`;
            let messages = this.loadedMessages.get(key);
            if (!messages) {
                const loaded = loader(locale);
                if (loaded instanceof Promise) {
                    messages = {};
                    loaded.then((m) => {
                        this.loadedMessages.set(key, m);
                        this.mergedMessages.clear();
                        this.update(() => ({}));
                    }, (err) => console.error(`plugin ${pluginId}: loading ${locale} translations failed`, err));
                } else {
                    messages = loaded;
                }
                this.loadedMessages.set(key, messages);
            }
            Object.assign(all, messages);
        }
        this.mergedMessages.set(locale, all);
        return all;
    }

    /** Names of registered WebSocket events, for the page's debug view and tests. */
    webSocketEvents(): string[] {
        return [...this.wsHandlers.entries()].filter(([, m]) => m.size > 0).map(([e]) => e);
    }
}

// The web client accepts `fn(a, b, c)` and `fn({a, b, c})`; this reads either form.
function readArgs<K extends string>(args: unknown[], names: readonly K[]): Partial<Record<K, unknown>> {
    const [first] = args;
    const isOptionsObject = args.length === 1 &&
        typeof first === 'object' && first !== null && !React.isValidElement(first) &&
        names.some((n) => n in (first as object));
    if (isOptionsObject) {
        return first as Partial<Record<K, unknown>>;
    }
    return Object.fromEntries(names.map((n, i) => [n, args[i]])) as Partial<Record<K, unknown>>;
}

// Accepted so that plugins written for the full web client load; the host page has
// no surface for them, so it only records that they were called.
const recordOnly = [
    'registerPostTypeComponent',
    'registerPostCardTypeComponent',
    'registerPostWillRenderEmbedComponent',
    'registerMessageWillBePostedHook',
    'registerSlashCommandWillBePostedHook',
    'registerMessageWillFormatHook',
    'registerFilePreviewComponent',
    'registerFileUploadMethod',
    'registerFilesDropdownMenuAction',
    'registerChannelHeaderMenuAction',
    'registerChannelIntroButtonAction',
    'registerMainMenuAction',
    'registerPostActionComponent',
    'registerPostEditorActionComponent',
    'registerPostMessageAttachmentComponent',
    'registerUserGuideDropdownMenuAction',
    'registerAdminConsolePlugin',
    'registerAdminConsoleCustomSetting',
    'registerAdminConsoleCustomSection',
    'registerGlobalComponent',
    'registerRHSPluginPopoutListener',
    'registerTopBarComponent',
    'registerCustomRoute',
    'registerNeedsTeamRoute',
    'registerProduct',
    'registerNewMessagesObserver',
    'registerDesktopNotificationHook',
    'registerCallButtonAction',
    'registerLinkTooltipComponent',
    'registerSiteStatisticsHandler',
    'registerActionAfterChannelCreation',
] as const;

/** The registry one plugin receives. */
export class PluginRegistry {
    [method: string]: unknown;

    constructor(private readonly pluginId: string, private readonly all: Registrations$, private readonly store: HostStore) {
        for (const method of recordOnly) {
            this[method] = () => {
                this.all.update((r) => ({recorded: [...r.recorded, {pluginId: this.pluginId, method}]}));
                return this.all.newId(this.pluginId);
            };
        }
    }

    registerRightHandSidebarComponent = (...args: unknown[]) => {
        const {component, title} = readArgs(args, ['component', 'title'] as const);
        const id = this.all.newId(this.pluginId);
        this.all.update((r) => ({rhs: [...r.rhs, {id, pluginId: this.pluginId, component: component as ComponentType, title: title as ReactNode}]}));
        const isOpen = (state: HostState) => state.views.rhs.kind === 'plugin' && state.views.rhs.pluggableId === id;
        return {
            id,
            showRHSPlugin: {type: HostActions.SHOW_RHS_PLUGIN, pluggableId: id},
            hideRHSPlugin: (dispatch: HostStore['dispatch'], getState: () => HostState) => {
                if (isOpen(getState())) {
                    dispatch({type: HostActions.CLOSE_RHS});
                }
            },
            toggleRHSPlugin: (dispatch: HostStore['dispatch'], getState: () => HostState) => {
                dispatch(isOpen(getState()) ? {type: HostActions.CLOSE_RHS} : {type: HostActions.SHOW_RHS_PLUGIN, pluggableId: id});
            },
        };
    };

    registerChannelHeaderButtonAction = (...args: unknown[]) => {
        const {icon, action, dropdownText, tooltipText} = readArgs(args, ['icon', 'action', 'dropdownText', 'tooltipText'] as const);
        const id = this.all.newId(this.pluginId);
        this.all.update((r) => ({headerButtons: [...r.headerButtons, {
            id, pluginId: this.pluginId, icon: icon as ReactNode, action: action as ChannelAction,
            dropdownText: dropdownText as ReactNode, tooltipText: tooltipText as ReactNode,
        }]}));
        return id;
    };

    registerAppBarComponent = (...args: unknown[]) => {
        const {iconUrl, action, tooltipText, rhsComponent, rhsTitle} = readArgs(args, ['iconUrl', 'action', 'tooltipText', 'supportedProductIds', 'rhsComponent', 'rhsTitle'] as const);
        const id = this.all.newId(this.pluginId);
        let rhsComponentId: string | undefined;
        if (rhsComponent) {
            rhsComponentId = this.registerRightHandSidebarComponent(rhsComponent, rhsTitle).id;
        }
        this.all.update((r) => ({appBar: [...r.appBar, {
            id, pluginId: this.pluginId, iconUrl: String(iconUrl ?? ''), action: action as ChannelAction | undefined,
            tooltipText: tooltipText as ReactNode, rhsComponentId,
        }]}));
        return id;
    };

    registerPostDropdownMenuAction = (...args: unknown[]) => {
        const {text, action, filter} = readArgs(args, ['text', 'action', 'filter'] as const);
        const id = this.all.newId(this.pluginId);
        this.all.update((r) => ({postMenu: [...r.postMenu, {
            id, pluginId: this.pluginId, text: text as ReactNode,
            action: action as (postId: string) => void, filter: filter as ((postId: string) => boolean) | undefined,
        }]}));
        return id;
    };

    registerRootComponent = (component: ComponentType) => {
        const id = this.all.newId(this.pluginId);
        this.all.update((r) => ({root: [...r.root, {id, pluginId: this.pluginId, component}]}));
        return id;
    };

    unregisterComponent = (id: string) => this.all.removeById(id);

    unregisterPostTypeComponent = (id: string) => this.all.removeById(id);

    registerWebSocketEventHandler = (event: string, handler: (msg: WebSocketMessage) => void) => {
        this.all.setWebSocketHandler(this.pluginId, event, handler);
    };

    unregisterWebSocketEventHandler = (event: string) => {
        this.all.setWebSocketHandler(this.pluginId, event, null);
    };

    registerReconnectHandler = (handler: () => void) => {
        this.all.setReconnectHandler(this.pluginId, handler);
    };

    unregisterReconnectHandler = () => {
        this.all.setReconnectHandler(this.pluginId, null);
    };

    registerReducer = (reducer: Reducer) => {
        this.store.addPluginReducer(this.pluginId, reducer);
    };

    registerTranslations = (loader: TranslationsLoader) => {
        this.all.setTranslations(this.pluginId, loader);
    };
}
