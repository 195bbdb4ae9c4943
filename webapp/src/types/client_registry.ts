// Mattermost's web client registry (v11) as its source declares it, written once here
// from its plugins/registry.ts and export.ts. Two parties are checked against it:
// the plugin's own view of the registry (types/registry.ts: the real registry must be
// usable where the plugin expects its PluginRegistry) and the browser host page that
// stands in for the client in tests (e2e/host/src/registry.ts implements it). When
// the client, the plugin or the host drifts, `npm run check-types` fails.
import type {ComponentType, ReactNode} from 'react';
import type {Reducer, Store} from 'redux';

import type {Channel, ChannelMembership} from '@mattermost/types/channels';
import type {GlobalState} from '@mattermost/types/store';

/** A server WebSocket message as the client hands it to plugin handlers. */
export type ClientWebSocketMessage = {
    event: string;
    data: Record<string, unknown>;
    broadcast: {
        omit_users: Record<string, boolean> | null;
        user_id: string;
        channel_id: string;
        team_id: string;
    };
    seq: number;
};

/**
 * Channel header and App Bar actions: always called `action(channel, member)`, and
 * both can be undefined (no current channel yet, or a view without one).
 */
export type ClientChannelAction = (channel: Channel | undefined, member: ChannelMembership | undefined) => void;

/** Redux plumbing the client hands back: a plain action, or a thunk to dispatch. */
export type ClientAction = {type: string; [key: string]: unknown};
export type ClientThunk = (dispatch: (action: ClientAction) => unknown, getState: () => unknown) => unknown;

export type ClientRHSRegistration = {
    id: string;

    /** A plain action. */
    showRHSPlugin: ClientAction;

    /** Thunks: only store.dispatch runs them. */
    hideRHSPlugin: ClientThunk;
    toggleRHSPlugin: ClientThunk;
};

/**
 * Only plain objects count: the client does Object.assign(translations, loader(locale)),
 * so a Promise adds nothing.
 */
export type ClientTranslationsLoader = (locale: string) => Record<string, string>;

/** What the opener hears of and says to a popped-out sidebar (names of 11.3+). */
export type ClientPopoutListeners = {
    sendToPopout(channel: string, ...args: unknown[]): void;
    onMessageFromPopout(callback: (channel: string, ...args: unknown[]) => void): void;
};

/** window.WebappUtils.popouts, for the popped-out side. */
export type ClientPopouts = {
    isPopoutWindow(): boolean;
    canPopout(): boolean;
    sendToParent(channel: string, ...args: unknown[]): void;
    onMessageFromParent(callback: (channel: string, ...args: unknown[]) => void): void;
    popoutRhsPlugin(title: string, pluginId: string, teamName: string, channelName: string): void;
};

type RHSArgs = {component: ComponentType<ClientRHSProps>; title: ReactNode};
type HeaderButtonArgs = {icon: ReactNode; action: ClientChannelAction; dropdownText: ReactNode; tooltipText: ReactNode};
type AppBarArgs = {
    iconUrl: string;
    action?: ClientChannelAction;
    tooltipText: ReactNode;
    supportedProductIds?: string[] | null;
    rhsComponent?: ComponentType<ClientRHSProps>;
    rhsTitle?: ReactNode;
};
type PostMenuArgs = {text: ReactNode; action: (postId: string) => void; filter?: (postId: string) => boolean};

/** Props the client's pluggable passes a right-hand sidebar component. */
export type ClientRHSProps = {
    theme?: Record<string, string>;
    webSocketClient?: unknown;
};

/**
 * The methods plugins of this kind use. Those that the client accepts positionally or
 * as one object with the same names take either (a rest parameter of both tuples).
 */
export type ClientRegistry = {
    registerRightHandSidebarComponent(...args: [component: RHSArgs['component'], title: ReactNode] | [RHSArgs]): ClientRHSRegistration;
    registerChannelHeaderButtonAction(...args: [
        icon: ReactNode, action: ClientChannelAction, dropdownText: ReactNode, tooltipText: ReactNode,
    ] | [HeaderButtonArgs]): string;
    registerAppBarComponent(...args: [
        iconUrl: string, action: ClientChannelAction | undefined, tooltipText: ReactNode,
        supportedProductIds?: string[] | null, rhsComponent?: AppBarArgs['rhsComponent'], rhsTitle?: ReactNode,
    ] | [AppBarArgs]): string;
    registerPostDropdownMenuAction(...args: [
        text: ReactNode, action: (postId: string) => void, filter?: (postId: string) => boolean,
    ] | [PostMenuArgs]): string;
    registerRootComponent(component: ComponentType): string;
    unregisterComponent(componentId: string): void;
    registerWebSocketEventHandler(event: string, handler: (msg: ClientWebSocketMessage) => void): void;
    unregisterWebSocketEventHandler(event: string): void;
    registerReconnectHandler(handler: () => void): void;
    unregisterReconnectHandler(): void;
    registerReducer(reducer: Reducer): void;
    registerTranslations(getTranslationsForLocale: ClientTranslationsLoader): void;
    registerRHSPluginPopoutListener(
        pluginId: string,
        onPopoutOpened: (teamName: string, channelName: string, listeners: ClientPopoutListeners) => void,
    ): void;
};

/** The client's Redux store (mattermost-redux's state; thunks dispatch through it). */
export type ClientStore = Store<GlobalState>;

/** What window.registerPlugin takes: initialize's result is not awaited. */
export type ClientPlugin = {
    initialize?(registry: ClientRegistry, store: ClientStore): unknown;
    uninitialize?(): void;
};

/**
 * The members of Expected that Actual does not fit, compared as function properties:
 * TypeScript compares method parameters both ways (bivariantly), function types
 * strictly, so a narrower parameter on either side is caught. (Written inline, not
 * through a helper alias: two instantiations of one alias are compared by their type
 * arguments, which would bring the bivariant method comparison back.)
 */
export type Misfits<Expected, Actual> = {
    [K in keyof Expected]-?: K extends keyof Actual ?
        ((NonNullable<Actual[K]> extends (...args: infer A) => infer R ? (...args: A) => R : Actual[K]) extends
            (NonNullable<Expected[K]> extends (...args: infer B) => infer S ? (...args: B) => S : Expected[K]) ? never : K) :
        (undefined extends Expected[K] ? never : K);
}[keyof Expected];

/** `true` when Actual fits where Expected is wanted; otherwise the names of the members that do not. */
export type Fits<Expected, Actual> = [Misfits<Expected, Actual>] extends [never] ? true : Misfits<Expected, Actual>;
