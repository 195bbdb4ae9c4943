// The plugin registry the host hands each plugin, as strict as the web client's (v11):
// its methods are typed by the one declaration of the client's registry
// (webapp/src/types/client_registry.ts), take positional arguments or one object with
// the same names, and behave as the client does where a looser stand-in would hide a
// plugin's defect (see the comments at each). Everything registered lands in one
// observable list that the host UI renders; nothing of it goes into the Redux store.
import React from 'react';
import type {ComponentType, ReactNode} from 'react';
import type {Reducer} from 'redux';

import type {
    ClientChannelAction,
    ClientPopoutListeners,
    ClientRegistry,
    ClientRHSProps,
    ClientRHSRegistration,
    ClientTranslationsLoader,
    ClientWebSocketMessage,
    Fits,
} from '../../../webapp/src/types/client_registry';

import {HostActions} from './store';
import type {HostState, HostStore} from './store';

export type RhsRegistration = {id: string; pluginId: string; component: ComponentType<ClientRHSProps>; title: ReactNode};
export type HeaderButtonRegistration = {id: string; pluginId: string; icon: ReactNode; action: ClientChannelAction; dropdownText: ReactNode; tooltipText: ReactNode};
export type AppBarRegistration = {id: string; pluginId: string; iconUrl: string; action?: ClientChannelAction; tooltipText: ReactNode; rhsComponentId?: string};
export type PostMenuRegistration = {id: string; pluginId: string; text: ReactNode; action: (postId: string) => void; filter?: (postId: string) => boolean};
export type RootRegistration = {id: string; pluginId: string; component: ComponentType};
export type RecordedCall = {pluginId: string; method: string};
export type PopoutListener = (teamName: string, channelName: string, listeners: ClientPopoutListeners) => void;

export type Registrations = {
    rhs: RhsRegistration[];
    headerButtons: HeaderButtonRegistration[];
    appBar: AppBarRegistration[];
    postMenu: PostMenuRegistration[];
    root: RootRegistration[];

    /** Plugins that asked to hear of their sidebar popping out. */
    popoutListeners: Array<{pluginId: string; listener: PopoutListener}>;

    /** Calls the host accepts without rendering anything for them. */
    recorded: RecordedCall[];
};

const empty: Registrations = {rhs: [], headerButtons: [], appBar: [], postMenu: [], root: [], popoutListeners: [], recorded: []};

/** All plugins' registrations, with a subscription for React's useSyncExternalStore. */
export class Registrations$ {
    private current: Registrations = empty;
    private listeners = new Set<() => void>();

    // Per plugin, then per event name, as the client keeps them: registering the same
    // event again replaces the handler (so a plugin loaded twice never runs twice).
    private wsHandlers = new Map<string, Map<string, (msg: ClientWebSocketMessage) => void>>();
    private reconnectHandlers = new Map<string, () => void>();
    private translations = new Map<string, ClientTranslationsLoader>();

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
        this.wsHandlers.delete(pluginId);
        this.reconnectHandlers.delete(pluginId);
        this.translations.delete(pluginId);
        this.mergedMessages.clear();
        const keep = <T extends {pluginId: string}>(xs: T[]) => xs.filter((x) => x.pluginId !== pluginId);
        this.update((r) => ({
            rhs: keep(r.rhs), headerButtons: keep(r.headerButtons), appBar: keep(r.appBar),
            postMenu: keep(r.postMenu), root: keep(r.root), popoutListeners: keep(r.popoutListeners), recorded: keep(r.recorded),
        }));
    }

    setWebSocketHandler(pluginId: string, event: string, handler: ((msg: ClientWebSocketMessage) => void) | null): void {
        const byEvent = this.wsHandlers.get(pluginId) ?? new Map();
        if (handler) {
            byEvent.set(event, handler);
        } else {
            byEvent.delete(event);
        }
        this.wsHandlers.set(pluginId, byEvent);
    }

    setReconnectHandler(pluginId: string, handler: (() => void) | null): void {
        if (handler) {
            this.reconnectHandlers.set(pluginId, handler);
        } else {
            this.reconnectHandlers.delete(pluginId);
        }
    }

    setTranslations(pluginId: string, loader: ClientTranslationsLoader): void {
        this.translations.set(pluginId, loader);
        this.mergedMessages.clear();
        this.update(() => ({}));
    }

    /**
     * Runs the handlers registered for exactly this event name. As in the client
     * (actions/websocket_actions.ts) there is no try/catch: a handler that throws
     * stops the rest, and the page sees an uncaught exception.
     */
    dispatchWebSocketEvent(msg: ClientWebSocketMessage): void {
        for (const byEvent of this.wsHandlers.values()) {
            byEvent.get(msg.event)?.(msg);
        }
    }

    dispatchReconnect(): void {
        this.reconnectHandlers.forEach((handler) => handler());
    }

    /**
     * Every plugin's messages for a locale, merged the way the client does it
     * (actions/views/root.ts): Object.assign(messages, loader(locale)). A loader that
     * answers with a Promise adds nothing, silently, as in the client.
     */
    messagesFor(locale: string): Record<string, string> {
        const cached = this.mergedMessages.get(locale);
        if (cached) {
            return cached;
        }
        const all: Record<string, string> = {};
        for (const loader of this.translations.values()) {
            Object.assign(all, loader(locale));
        }
        this.mergedMessages.set(locale, all);
        return all;
    }

    /** Names of registered WebSocket events with how many handlers each has, for tests. */
    webSocketHandlerCounts(): Record<string, number> {
        const counts: Record<string, number> = {};
        for (const byEvent of this.wsHandlers.values()) {
            for (const event of byEvent.keys()) {
                counts[event] = (counts[event] ?? 0) + 1;
            }
        }
        return counts;
    }

    reconnectHandlerCount(): number {
        return this.reconnectHandlers.size;
    }
}

// The client accepts `fn(a, b, c)` and `fn({a, b, c})`; this reads either form.
function readArgs<T extends object>(args: readonly unknown[], names: ReadonlyArray<keyof T>): T {
    const [first] = args;
    const isOptionsObject = args.length === 1 &&
        typeof first === 'object' && first !== null && !React.isValidElement(first) &&
        names.some((n) => (n as string) in (first as object));
    if (isOptionsObject) {
        return first as T;
    }
    return Object.fromEntries(names.map((n, i) => [n, args[i]])) as T;
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

type Args<K extends keyof ClientRegistry> = Parameters<ClientRegistry[K]>;

/** The registry one plugin receives. */
export class PluginRegistry implements ClientRegistry {
    [method: string]: unknown;

    constructor(private readonly pluginId: string, private readonly all: Registrations$, private readonly store: HostStore) {
        for (const method of recordOnly) {
            this[method] = () => {
                this.all.update((r) => ({recorded: [...r.recorded, {pluginId: this.pluginId, method}]}));
                return this.all.newId(this.pluginId);
            };
        }
    }

    registerRightHandSidebarComponent = (...args: Args<'registerRightHandSidebarComponent'>): ClientRHSRegistration => {
        const {component, title} = readArgs<{component: ComponentType<ClientRHSProps>; title: ReactNode}>(args, ['component', 'title']);
        const id = this.all.newId(this.pluginId);
        this.all.update((r) => ({rhs: [...r.rhs, {id, pluginId: this.pluginId, component, title}]}));
        const isOpen = (state: HostState) => state.views.rhs.kind === 'plugin' && state.views.rhs.pluggableId === id;
        return {
            id,
            showRHSPlugin: {type: HostActions.SHOW_RHS_PLUGIN, pluggableId: id},
            hideRHSPlugin: (dispatch, getState) => {
                if (isOpen(getState() as HostState)) {
                    dispatch({type: HostActions.CLOSE_RHS});
                }
            },
            toggleRHSPlugin: (dispatch, getState) => {
                dispatch(isOpen(getState() as HostState) ? {type: HostActions.CLOSE_RHS} : {type: HostActions.SHOW_RHS_PLUGIN, pluggableId: id});
            },
        };
    };

    registerChannelHeaderButtonAction = (...args: Args<'registerChannelHeaderButtonAction'>): string => {
        const {icon, action, dropdownText, tooltipText} = readArgs<Omit<HeaderButtonRegistration, 'id' | 'pluginId'>>(args, ['icon', 'action', 'dropdownText', 'tooltipText']);
        const id = this.all.newId(this.pluginId);
        this.all.update((r) => ({headerButtons: [...r.headerButtons, {id, pluginId: this.pluginId, icon, action, dropdownText, tooltipText}]}));
        return id;
    };

    registerAppBarComponent = (...args: Args<'registerAppBarComponent'>): string => {
        type AppBarArgs = {iconUrl: string; action?: ClientChannelAction; tooltipText: ReactNode; supportedProductIds?: unknown; rhsComponent?: ComponentType<ClientRHSProps>; rhsTitle?: ReactNode};
        const {iconUrl, action, tooltipText, rhsComponent, rhsTitle} = readArgs<AppBarArgs>(args, ['iconUrl', 'action', 'tooltipText', 'supportedProductIds', 'rhsComponent', 'rhsTitle']);
        const id = this.all.newId(this.pluginId);
        let rhsComponentId: string | undefined;
        if (rhsComponent) {
            rhsComponentId = this.registerRightHandSidebarComponent(rhsComponent, rhsTitle).id;
        }
        this.all.update((r) => ({appBar: [...r.appBar, {id, pluginId: this.pluginId, iconUrl: String(iconUrl ?? ''), action, tooltipText, rhsComponentId}]}));
        return id;
    };

    registerPostDropdownMenuAction = (...args: Args<'registerPostDropdownMenuAction'>): string => {
        const {text, action, filter} = readArgs<Omit<PostMenuRegistration, 'id' | 'pluginId'>>(args, ['text', 'action', 'filter']);
        const id = this.all.newId(this.pluginId);
        this.all.update((r) => ({postMenu: [...r.postMenu, {id, pluginId: this.pluginId, text, action, filter}]}));
        return id;
    };

    registerRootComponent = (component: ComponentType): string => {
        const id = this.all.newId(this.pluginId);
        this.all.update((r) => ({root: [...r.root, {id, pluginId: this.pluginId, component}]}));
        return id;
    };

    unregisterComponent = (id: string): void => this.all.removeById(id);

    unregisterPostTypeComponent = (id: string): void => this.all.removeById(id);

    registerWebSocketEventHandler = (event: string, handler: (msg: ClientWebSocketMessage) => void): void => {
        this.all.setWebSocketHandler(this.pluginId, event, handler);
    };

    unregisterWebSocketEventHandler = (event: string): void => {
        this.all.setWebSocketHandler(this.pluginId, event, null);
    };

    registerReconnectHandler = (handler: () => void): void => {
        this.all.setReconnectHandler(this.pluginId, handler);
    };

    unregisterReconnectHandler = (): void => {
        this.all.setReconnectHandler(this.pluginId, null);
    };

    registerReducer = (reducer: Reducer): void => {
        this.store.addPluginReducer(this.pluginId, reducer);
    };

    registerTranslations = (loader: ClientTranslationsLoader): void => {
        this.all.setTranslations(this.pluginId, loader);
    };

    registerRHSPluginPopoutListener = (pluginId: string, listener: PopoutListener): void => {
        this.all.update((r) => ({popoutListeners: [...r.popoutListeners.filter((p) => p.pluginId !== pluginId), {pluginId, listener}]}));
    };
}

/** Compile-time: the host's registry fits the client's declaration (a drift names the members). */
export const hostFitsClient: Fits<ClientRegistry, PluginRegistry> = true;
