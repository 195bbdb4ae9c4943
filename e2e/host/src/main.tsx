// Entry of the host page: the globals first (plugin bundles read them when they
// run), then the store, the registry and the page.
import React from 'react';
import {createRoot} from 'react-dom/client';

import {installGlobals} from './globals';
import {createPopouts} from './popouts';
import {Registrations$} from './registry';
import {browserHistory} from './routes';
import {createHostStore} from './store';
import type {HostStore} from './store';
import HostApp from './ui/app';
import type {Host} from './ui/context';

declare global {
    interface Window {

        /** For tests and debugging: the host's store, registrations and plugin loader. */
        channelTodoHost?: {store: HostStore; registrations: Registrations$; host?: Host};
    }
}

const store = createHostStore();
const registrations = new Registrations$();
installGlobals({browserHistory, popouts: createPopouts(registrations)});
window.channelTodoHost = {store, registrations};

const container = document.getElementById('root');
if (!container) {
    throw new Error('the host page has no #root element');
}
createRoot(container).render(
    <HostApp
        store={store}
        registrations={registrations}
        onStarted={(host) => {
            window.channelTodoHost = {store, registrations, host};
        }}
    />,
);
