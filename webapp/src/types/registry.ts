// The part of Mattermost's plugin registry this plugin uses. The web client does not
// publish these types, so they are written from its registry (v11) and kept to the
// methods we call. Anything marked optional may be missing on older or other hosts
// and must be feature-detected.
import type {ComponentType, ReactNode} from 'react';
import type {Reducer, Store} from 'redux';

import type {Channel, ChannelMembership} from '@mattermost/types/channels';
import type {GlobalState} from '@mattermost/types/store';

import type {ClientPlugin, ClientRegistry, Fits} from './client_registry';

/** A message from the server's WebSocket as the host hands it to plugin handlers. */
export type WebSocketMessage<T = Record<string, unknown>> = {
    event: string;
    data: T;
    broadcast: {
        omit_users: Record<string, boolean> | null;
        user_id: string;
        channel_id: string;
        team_id: string;
    };
    seq: number;
};

/** Host actions for a registered right-hand sidebar; always pass them to store.dispatch. */
export type RHSRegistration = {
    id: string;
    showRHSPlugin: unknown;
    hideRHSPlugin: unknown;
    toggleRHSPlugin: unknown;
};

/** The client calls it with no channel when none is current (before one loads, or in views without one). */
export type ChannelHeaderAction = (channel: Channel | undefined, member?: ChannelMembership) => void;

export type TranslationsLoader = (locale: string) => Record<string, string>;

/** What the opener of a popped-out sidebar can say to it (v11.3+). */
export type RHSPopoutListeners = {
    onMessageFromPopout(callback: (channel: string, ...args: unknown[]) => void): void;
    sendToPopout(channel: string, ...args: unknown[]): void;
};

/** window.WebappUtils.popouts as the web client offers it (v11.3+), for the popped-out side. */
export type HostPopouts = {
    isPopoutWindow?(): boolean;
    sendToParent?(channel: string, ...args: unknown[]): void;
    onMessageFromParent?(callback: (channel: string, ...args: unknown[]) => void): void;
};

export interface PluginRegistry {
    registerRightHandSidebarComponent(component: ComponentType, title: ReactNode): RHSRegistration;
    registerChannelHeaderButtonAction(
        icon: ReactNode,
        action: ChannelHeaderAction,
        dropdownText: ReactNode,
        tooltipText: ReactNode,
    ): string;
    registerAppBarComponent?(
        iconUrl: string,
        action: ChannelHeaderAction,
        tooltipText: ReactNode,
    ): string;
    registerPostDropdownMenuAction?(
        text: ReactNode,
        action: (postId: string) => void,
        filter?: (postId: string) => boolean,
    ): string;
    registerWebSocketEventHandler(event: string, handler: (msg: WebSocketMessage) => void): void;
    unregisterWebSocketEventHandler?(event: string): void;
    registerReconnectHandler(handler: () => void): void;
    unregisterReconnectHandler?(): void;
    registerReducer(reducer: Reducer): void;
    registerTranslations(getTranslationsForLocale: TranslationsLoader): void;
    registerRHSPluginPopoutListener?(
        pluginId: string,
        onPopoutOpened: (teamName: string, channelName: string, listeners: Partial<RHSPopoutListeners>) => void,
    ): void;
}

/** The host's Redux store: its state is Mattermost's, and it accepts thunks. */
export type HostStore = Store<GlobalState>;

export interface MattermostPlugin {
    initialize(registry: PluginRegistry, store: HostStore): void | Promise<void>;
    uninitialize?(): void;
}

declare global {
    interface Window {
        registerPlugin(pluginId: string, plugin: MattermostPlugin): void;
    }
}

/**
 * Compile-time checks against the client's own declaration (client_registry.ts): the
 * real registry must fit where this plugin expects its PluginRegistry, and the plugin
 * must fit what window.registerPlugin takes. On a drift the type names the members.
 */
export const registryFitsClient: Fits<PluginRegistry, ClientRegistry> = true;
export const pluginFitsClient: Fits<ClientPlugin, MattermostPlugin> = true;
