import React from 'react';
import {useSelector} from 'react-redux';

import {currentRoute} from '../navigation';
import type {HostState} from '../store';

import {themeColors, useHost, useRegistrations} from './context';
import PluginBoundary from './plugin_boundary';

/**
 * A popped-out plugin sidebar: the whole window is the plugin's first registered
 * sidebar component, in the team and channel of the address.
 */
export default function PopoutView() {
    const {registrations, theme, webSocketClient} = useHost();
    const {rhs} = useRegistrations(registrations);
    const route = currentRoute();
    const pluginId = route.kind === 'popout' ? route.pluginId : '';
    const channelId = useSelector((state: HostState) => state.entities.channels.currentChannelId);
    const reg = rhs.find((r) => r.pluginId === pluginId);
    if (!reg || !channelId) {
        return <p className='host-popout__waiting'>{`Waiting for ${pluginId}…`}</p>;
    }
    const Component = reg.component;
    return (
        <aside
            className='host-rhs host-rhs--popout'
            aria-label='Right-hand sidebar'
            data-testid='rhs'
            data-rhs-kind='popout'
        >
            <header className='host-rhs__header'>
                <h2 className='host-rhs__title'>
                    <PluginBoundary
                        pluginId={reg.pluginId}
                        what='sidebar title'
                    >
                        {reg.title}
                    </PluginBoundary>
                </h2>
            </header>
            <div className='host-rhs__body'>
                <PluginBoundary
                    pluginId={reg.pluginId}
                    what='sidebar'
                >
                    <Component
                        theme={themeColors(theme)}
                        webSocketClient={webSocketClient}
                    />
                </PluginBoundary>
            </div>
        </aside>
    );
}
