import React from 'react';
import {useSelector} from 'react-redux';

import {channelLabel} from '../session';
import {getCurrentChannelId} from '../store';
import type {HostState} from '../store';

import {useAppBarEnabled, useHost, useRegistrations} from './context';
import PluginBoundary from './plugin_boundary';

type Props = {
    theme: 'light' | 'dark';
    onToggleTheme: () => void;
    onSignOut: () => void;
};

/**
 * The channel header: the channel's name and header text, the plugins' header
 * buttons, and the user. As in the client (selectors/plugins.ts), a plugin's header
 * button is left out while the App Bar is on and the plugin has an App Bar item.
 */
export default function TopBar({theme, onToggleTheme, onSignOut}: Props) {
    const {registrations} = useHost();
    const {headerButtons, appBar} = useRegistrations(registrations);
    const appBarEnabled = useAppBarEnabled();
    const channelId = useSelector(getCurrentChannelId);
    const entities = useSelector((state: HostState) => state.entities);
    const channel = entities.channels.channels[channelId];
    const member = entities.channels.myMembers[channelId];
    const me = entities.users.profiles[entities.users.currentUserId];
    const shown = headerButtons.filter((b) => !appBarEnabled || !appBar.some((a) => a.pluginId === b.pluginId));

    return (
        <header className='host-top'>
            <h1 className='host-top__channel'>{channel ? channelLabel(channel, {entities} as HostState) : ''}</h1>
            <span className='host-top__header-text'>{channel?.header}</span>
            <span
                className='host-top__buttons'
                role='toolbar'
                aria-label='Channel header'
            >
                {shown.map((b) => (
                    <button
                        key={b.id}
                        type='button'
                        className='host-icon-button'
                        data-plugin-id={b.pluginId}

                        // Always (channel, member), even with no channel, as the client calls it.
                        onClick={() => b.action(channel, member)}
                    >
                        <PluginBoundary
                            pluginId={b.pluginId}
                            what='channel header button'
                        >
                            {b.icon}
                            <span className='visually-hidden'>{b.tooltipText}</span>
                        </PluginBoundary>
                    </button>
                ))}
            </span>
            <span className='host-top__user'>{me ? `@${me.username}` : ''}</span>
            <button
                type='button'
                className='host-button'
                onClick={onToggleTheme}
            >
                {theme === 'dark' ? 'Light theme' : 'Dark theme'}
            </button>
            <button
                type='button'
                className='host-button'
                onClick={onSignOut}
            >
                {'Sign out'}
            </button>
        </header>
    );
}
