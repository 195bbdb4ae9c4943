import React, {useContext, useSyncExternalStore} from 'react';
import {useSelector, useStore} from 'react-redux';

import type {WebSocketClient} from '@mattermost/client';

import type {PluginLoader} from '../plugin_loader';
import type {Registrations, Registrations$} from '../registry';
import type {Session} from '../session';
import type {HostState, HostStore} from '../store';

export type Theme = 'light' | 'dark';

/** What the host's own components need beside the Redux store. */
export type Host = {
    session: Session;
    registrations: Registrations$;
    loader: PluginLoader;
    webSocketClient: WebSocketClient;
    theme?: Theme;
};

export const HostContext = React.createContext<Host | null>(null);

export function useHost(): Host {
    const host = useContext(HostContext);
    if (!host) {
        throw new Error('host components must render inside HostContext');
    }
    return host;
}

/** The current registrations; re-renders when a plugin registers something. */
export function useRegistrations(registrations: Registrations$): Registrations {
    return useSyncExternalStore(registrations.subscribe, registrations.getSnapshot);
}

/** The store object itself, for loaders that dispatch into it. */
export function useHostStore(): HostStore {
    return useStore() as HostStore;
}

/**
 * Whether the App Bar is on: the client's config says DisableAppBar "false" by
 * default (ExperimentalSettings.DisableAppBar on the server).
 */
export function useAppBarEnabled(): boolean {
    return useSelector((state: HostState) => state.entities.general.config.DisableAppBar !== 'true');
}

// A few of the client's theme colours, for the `theme` prop of plugin sidebars.
const themes: Record<Theme, Record<string, string>> = {
    light: {type: 'Denim', sidebarBg: '#1e325c', centerChannelBg: '#ffffff', centerChannelColor: '#3f4350', linkColor: '#386fe5', buttonBg: '#1c58d9', buttonColor: '#ffffff', errorTextColor: '#d24b4e'},
    dark: {type: 'Onyx', sidebarBg: '#202228', centerChannelBg: '#191b1f', centerChannelColor: '#e3e4e8', linkColor: '#5d89ea', buttonBg: '#4a7ce8', buttonColor: '#ffffff', errorTextColor: '#da6c6e'},
};

export function themeColors(theme: Theme = 'light'): Record<string, string> {
    return themes[theme];
}
