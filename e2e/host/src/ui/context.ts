import React, {useContext, useSyncExternalStore} from 'react';
import {useStore} from 'react-redux';

import type {PluginLoader} from '../plugin_loader';
import type {Registrations, Registrations$} from '../registry';
import type {Session} from '../session';
import type {HostStore} from '../store';

/** What the host's own components need beside the Redux store. */
export type Host = {
    session: Session;
    registrations: Registrations$;
    loader: PluginLoader;
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
