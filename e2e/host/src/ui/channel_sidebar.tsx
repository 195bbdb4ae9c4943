import React from 'react';
import {useSelector} from 'react-redux';

import {goToChannel} from '../navigation';
import {browserHistory, channelPath} from '../routes';
import {sidebarOrder} from '../sidebar_order';
import type {SidebarEntry} from '../sidebar_order';
import type {HostState} from '../store';

import {useHostStore} from './context';

function Entry({entry, current, unread, teamName}: {entry: SidebarEntry; current: boolean; unread: boolean; teamName: string}) {
    const store = useHostStore();
    return (
        <li>
            <a
                href={channelPath(teamName, entry.name)}
                className={`host-lhs__channel${unread ? ' host-lhs__channel--unread' : ''}`}
                aria-current={current ? 'page' : undefined}
                data-unread={unread || undefined}
                onClick={(e) => {
                    e.preventDefault();
                    goToChannel(store.getState(), entry.id);
                }}
            >
                <span
                    className={`icon ${entry.type === 'P' ? 'icon-lock-outline' : entry.type === 'O' ? 'icon-globe' : 'icon-account-outline'}`}
                    aria-hidden='true'
                />
                {entry.label}
            </a>
        </li>
    );
}

/** The left-hand sidebar: teams, then the team's channels and the user's DMs and GMs. */
export default function ChannelSidebar() {
    const entities = useSelector((s: HostState) => s.entities);
    const state = {entities} as HostState;
    const entries = sidebarOrder(state);
    const team = state.entities.teams.teams[state.entities.teams.currentTeamId];
    const teams = Object.values(state.entities.teams.teams).sort((a, b) => a.display_name.localeCompare(b.display_name));
    const {currentChannelId, unread} = state.entities.channels;
    const teamName = team?.name ?? '';
    const section = (title: string, items: SidebarEntry[]) => (
        <>
            <h3 className='host-lhs__heading'>{title}</h3>
            <ul className='host-lhs__list'>
                {items.map((entry) => (
                    <Entry
                        key={entry.id}
                        entry={entry}
                        teamName={teamName}
                        current={entry.id === currentChannelId}
                        unread={Boolean(unread[entry.id])}
                    />
                ))}
            </ul>
        </>
    );
    return (
        <div className='host-lhs'>
            {teams.length > 1 && (
                <nav
                    className='host-teams'
                    aria-label='Teams'
                >
                    {teams.map((t) => (
                        <button
                            key={t.id}
                            type='button'
                            className='host-teams__team'
                            aria-current={t.id === team?.id ? 'true' : undefined}
                            title={t.display_name}
                            onClick={() => browserHistory.push(channelPath(t.name, 'town-square'))}
                        >
                            {t.display_name.slice(0, 2)}
                            <span className='visually-hidden'>{t.display_name}</span>
                        </button>
                    ))}
                </nav>
            )}
            <nav
                className='host-lhs__channels'
                aria-label='Channels'
            >
                <h2 className='host-lhs__team'>{team?.display_name}</h2>
                {section('Channels', entries.filter((c) => c.type === 'O' || c.type === 'P'))}
                {section('Direct messages', entries.filter((c) => c.type === 'D' || c.type === 'G'))}
            </nav>
        </div>
    );
}
