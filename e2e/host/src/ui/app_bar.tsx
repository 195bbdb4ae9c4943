import React from 'react';
import {useDispatch, useSelector} from 'react-redux';

import {HostActions, getCurrentChannelId} from '../store';
import type {HostState} from '../store';

import {useHost, useRegistrations} from './context';
import PluginBoundary from './plugin_boundary';

/** The App Bar at the right edge: one icon per registered item. */
export default function AppBar() {
    const {registrations} = useHost();
    const {appBar} = useRegistrations(registrations);
    const dispatch = useDispatch();
    const channel = useSelector((state: HostState) => state.entities.channels.channels[getCurrentChannelId(state)]);
    const rhs = useSelector((state: HostState) => state.views.rhs);

    if (appBar.length === 0) {
        return null;
    }
    return (
        <nav
            className='host-app-bar'
            aria-label='App Bar'
        >
            {appBar.map((item) => {
                const open = rhs.kind === 'plugin' && rhs.pluggableId === item.rhsComponentId;
                return (
                    <button
                        key={item.id}
                        type='button'
                        className='host-app-bar__item'
                        data-plugin-id={item.pluginId}
                        aria-pressed={item.rhsComponentId ? open : undefined}
                        onClick={() => {
                            if (item.rhsComponentId) {
                                dispatch(open ? {type: HostActions.CLOSE_RHS} : {type: HostActions.SHOW_RHS_PLUGIN, pluggableId: item.rhsComponentId});
                            } else if (channel) {
                                item.action?.(channel);
                            }
                        }}
                    >
                        <img
                            src={item.iconUrl}
                            alt=''
                            width={24}
                            height={24}
                        />
                        <PluginBoundary
                            pluginId={item.pluginId}
                            what='App Bar tooltip'
                        >
                            <span className='visually-hidden'>{item.tooltipText}</span>
                        </PluginBoundary>
                    </button>
                );
            })}
        </nav>
    );
}
