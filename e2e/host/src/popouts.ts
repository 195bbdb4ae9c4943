// Popping a plugin's sidebar out into a window of its own, as the web client (11.3+)
// does in browser_popouts.ts: the opener tells the plugin through the listener it
// registered (registerRHSPluginPopoutListener), and the two windows talk through
// postMessage. The popped-out window is a fresh page with a fresh store; it also
// works when opened directly, with no window.opener (then nobody answers it).
import type {ClientPopoutListeners, ClientPopouts} from '../../../webapp/src/types/client_registry';

import type {Registrations$} from './registry';
import {basename, parseRoute, popoutPath} from './routes';

type Envelope = {channelTodoHostPopout: true; channel: string; args: unknown[]};

function isEnvelope(data: unknown): data is Envelope {
    return typeof data === 'object' && data !== null && (data as Envelope).channelTodoHostPopout === true && typeof (data as Envelope).channel === 'string';
}

function post(target: Window, channel: string, args: unknown[]): void {
    const message: Envelope = {channelTodoHostPopout: true, channel, args};
    target.postMessage(message, window.location.origin);
}

/** window.WebappUtils.popouts for this window. */
export function createPopouts(registrations: Registrations$): ClientPopouts {
    return {
        isPopoutWindow: () => parseRoute(window.location.pathname.slice(basename().length)).kind === 'popout',
        canPopout: () => true,
        sendToParent: (channel, ...args) => {
            if (window.opener) {
                post(window.opener as Window, channel, args);
            }
        },
        onMessageFromParent: (callback) => {
            window.addEventListener('message', (e) => {
                if (window.opener && e.source === window.opener && isEnvelope(e.data)) {
                    callback(e.data.channel, ...e.data.args);
                }
            });
        },
        popoutRhsPlugin: (_title, pluginId, teamName, channelName) => {
            const child = window.open(`${basename()}${popoutPath(teamName, channelName, pluginId)}`, `channel-todo-popout-${pluginId}`, 'width=480,height=720');
            if (!child) {
                throw new Error('the browser did not open the pop-out window');
            }
            const listeners: ClientPopoutListeners = {
                sendToPopout: (channel, ...args) => post(child, channel, args),
                onMessageFromPopout: (callback) => {
                    window.addEventListener('message', (e) => {
                        if (e.source === child && isEnvelope(e.data)) {
                            callback(e.data.channel, ...e.data.args);
                        }
                    });
                },
            };
            for (const {pluginId: id, listener} of registrations.getSnapshot().popoutListeners) {
                if (id === pluginId) {
                    listener(teamName, channelName, listeners);
                }
            }
        },
    };
}
