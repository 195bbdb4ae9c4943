// The sidebar popped out into a window of its own (Mattermost 11.3+). That window
// loads the plugin afresh with an empty store, so its lists come from the server
// like any first render. The one thing only the opener knows is which view the
// person was looking at: the popped-out side asks for it, the opener answers.
import type {UnknownAction} from 'redux';

import {viewChosen} from './actions';
import {getView} from './selectors';
import type {HostPopouts, HostStore, PluginRegistry, RHSPopoutListeners} from './types/registry';

/** Sent by the popped-out sidebar when it starts. */
export const POPOUT_READY = 'channel-todo-popout-ready';

/** The opener's answer, with the view ('channel' or 'mine'). */
export const POPOUT_VIEW = 'channel-todo-popout-view';

/** In the opener: answer each popped-out sidebar with the current view. */
export function registerPopoutListener(registry: PluginRegistry, pluginId: string, store: HostStore): boolean {
    if (typeof registry.registerRHSPluginPopoutListener !== 'function') {
        return false;
    }
    registry.registerRHSPluginPopoutListener(pluginId, (_teamName: string, _channelName: string, listeners: Partial<RHSPopoutListeners>) => {
        listeners.onMessageFromPopout?.((channel: string) => {
            if (channel === POPOUT_READY) {
                listeners.sendToPopout?.(POPOUT_VIEW, getView(store.getState()));
            }
        });
    });
    return true;
}

/** In a popped-out window: take the opener's view, then say we are ready for it. */
export function joinOpener(popouts: HostPopouts | undefined, store: HostStore): boolean {
    if (!popouts || typeof popouts.isPopoutWindow !== 'function' || !popouts.isPopoutWindow()) {
        return false;
    }
    popouts.onMessageFromParent?.((channel: string, view?: unknown) => {
        if (channel === POPOUT_VIEW && (view === 'channel' || view === 'mine')) {
            store.dispatch(viewChosen(view) as UnknownAction);
        }
    });
    popouts.sendToParent?.(POPOUT_READY);
    return true;
}

/** The host's popout helpers, when it has them. */
export function hostPopouts(): HostPopouts | undefined {
    return (window as {WebappUtils?: {popouts?: HostPopouts}}).WebappUtils?.popouts;
}
