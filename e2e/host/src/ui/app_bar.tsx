import React from 'react';
import {useDispatch, useSelector} from 'react-redux';

import {HostActions, getCurrentChannelId} from '../store';
import type {HostState} from '../store';

import {useAppBarEnabled, useHost, useRegistrations} from './context';
import PluginBoundary from './plugin_boundary';

/**
 * The App Bar at the right edge (on unless the server's DisableAppBar is true): one
 * icon per registered item, `#app-bar-icon-<plugin id>`, marked active while that
 * plugin's sidebar is open, with the item's tooltip text as its name.
 */
export default function AppBar() {
    const {registrations} = useHost();
    const {appBar, rhs: rhsRegistrations} = useRegistrations(registrations);
    const enabled = useAppBarEnabled();
    const dispatch = useDispatch();
    const channel = useSelector((state: HostState) => state.entities.channels.channels[getCurrentChannelId(state)]);
    const member = useSelector((state: HostState) => state.entities.channels.myMembers[getCurrentChannelId(state)]);
    const rhs = useSelector((state: HostState) => state.views.rhs);
    const openPluginId = rhs.kind === 'plugin' ? rhsRegistrations.find((r) => r.id === rhs.pluggableId)?.pluginId : undefined;

    if (!enabled || appBar.length === 0) {
        return null;
    }
    return (
        <nav
            className='host-app-bar'
            aria-label='App Bar'
        >
            {appBar.map((item) => {
                const active = item.rhsComponentId ? rhs.kind === 'plugin' && rhs.pluggableId === item.rhsComponentId : openPluginId === item.pluginId;
                return (
                    <button
                        key={item.id}
                        id={`app-bar-icon-${item.pluginId}`}
                        type='button'
                        className={`app-bar__icon${active ? ' app-bar__icon--active' : ''}`}
                        data-plugin-id={item.pluginId}
                        onClick={() => {
                            if (item.rhsComponentId) {
                                dispatch(active ? {type: HostActions.CLOSE_RHS} : {type: HostActions.SHOW_RHS_PLUGIN, pluggableId: item.rhsComponentId});
                            } else {
                                // Always (channel, member), even with no channel, as the client calls it.
                                item.action?.(channel, member);
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
                            <span
                                className='host-tooltip'
                                aria-hidden='true'
                            >
                                {item.tooltipText}
                            </span>
                        </PluginBoundary>
                    </button>
                );
            })}
        </nav>
    );
}
