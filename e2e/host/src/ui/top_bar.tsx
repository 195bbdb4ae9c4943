import React from 'react';
import {useDispatch, useSelector} from 'react-redux';

import type {Channel} from '@mattermost/types/channels';

import {HostActions, getCurrentChannelId} from '../store';
import type {HostState} from '../store';

import {useHost, useRegistrations} from './context';
import PluginBoundary from './plugin_boundary';

type Props = {
    theme: 'light' | 'dark';
    onToggleTheme: () => void;
    onSignOut: () => void;
};

const noChannels: Channel[] = [];

/** Team, channel picker, the channel header's plugin buttons, and the user. */
export default function TopBar({theme, onToggleTheme, onSignOut}: Props) {
    const {registrations} = useHost();
    const {headerButtons} = useRegistrations(registrations);
    const dispatch = useDispatch();
    const channelId = useSelector(getCurrentChannelId);
    const team = useSelector((state: HostState) => state.entities.teams.teams[state.entities.teams.currentTeamId]);
    const channelsById = useSelector((state: HostState) => state.entities.channels.channels);
    const channelIds = useSelector((state: HostState) => state.entities.channels.channelsInTeam[state.entities.teams.currentTeamId]);
    const me = useSelector((state: HostState) => state.entities.users.profiles[state.entities.users.currentUserId]);
    const channels = channelIds ? channelIds.map((id) => channelsById[id]).filter(Boolean) : noChannels;
    const channel = channelsById[channelId];

    return (
        <header className='host-top'>
            <span className='host-top__team'>{team?.display_name}</span>
            <label className='host-top__channel'>
                <span className='visually-hidden'>{'Channel'}</span>
                <select
                    aria-label='Channel'
                    value={channelId}
                    onChange={(e) => dispatch({type: HostActions.SELECT_CHANNEL, channelId: e.target.value})}
                >
                    {channels.map((c) => (
                        <option
                            key={c.id}
                            value={c.id}
                        >
                            {`${c.type === 'P' ? '🔒 ' : '~'}${c.display_name}`}
                        </option>
                    ))}
                </select>
            </label>
            <span className='host-top__header-text'>{channel?.header}</span>
            <span
                className='host-top__buttons'
                role='toolbar'
                aria-label='Channel header'
            >
                {headerButtons.map((b) => (
                    <button
                        key={b.id}
                        type='button'
                        className='host-icon-button'
                        data-plugin-id={b.pluginId}
                        onClick={() => channel && b.action(channel)}
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
                onClick={onToggleTheme}
            >
                {theme === 'dark' ? 'Light theme' : 'Dark theme'}
            </button>
            <button
                type='button'
                onClick={onSignOut}
            >
                {'Sign out'}
            </button>
        </header>
    );
}
