import React from 'react';
import {useDispatch, useSelector} from 'react-redux';

import {HostActions} from '../store';
import type {HostState} from '../store';

import {themeColors, useHost, useRegistrations} from './context';
import PluginBoundary from './plugin_boundary';
import ThreadView from './thread_view';

/**
 * The right-hand sidebar: a plugin's registered component or an open thread, one at
 * a time, as in the web client. A plugin sidebar gets the client's props (theme,
 * webSocketClient), and a pop-out button when the plugin listens for pop-outs.
 */
export default function Rhs() {
    const {registrations, theme, webSocketClient} = useHost();
    const {rhs: registered, popoutListeners} = useRegistrations(registrations);
    const view = useSelector((state: HostState) => state.views.rhs);
    const teamName = useSelector((state: HostState) => state.entities.teams.teams[state.entities.teams.currentTeamId]?.name ?? '');
    const channelName = useSelector((state: HostState) => state.entities.channels.channels[state.entities.channels.currentChannelId]?.name ?? '');
    const dispatch = useDispatch();

    let title: React.ReactNode = null;
    let body: React.ReactNode = null;
    let popout: (() => void) | null = null;
    if (view.kind === 'plugin') {
        const reg = registered.find((r) => r.id === view.pluggableId);
        if (reg) {
            const Component = reg.component;
            title = (
                <PluginBoundary
                    pluginId={reg.pluginId}
                    what='sidebar title'
                >
                    {reg.title}
                </PluginBoundary>
            );
            body = (
                <PluginBoundary
                    pluginId={reg.pluginId}
                    what='sidebar'
                >
                    <Component
                        theme={themeColors(theme)}
                        webSocketClient={webSocketClient}
                    />
                </PluginBoundary>
            );
            if (popoutListeners.some((p) => p.pluginId === reg.pluginId)) {
                popout = () => window.WebappUtils.popouts.popoutRhsPlugin('', reg.pluginId, teamName, channelName);
            }
        }
    } else if (view.kind === 'thread') {
        title = 'Thread';
        body = (
            <ThreadView
                key={view.rootId}
                rootId={view.rootId}
            />
        );
    }
    if (!body) {
        return null;
    }
    return (
        <aside
            className='host-rhs'
            aria-label='Right-hand sidebar'
            data-testid='rhs'
            data-rhs-kind={view.kind}
        >
            <header className='host-rhs__header'>
                <h2 className='host-rhs__title'>{title}</h2>
                {popout && (
                    <button
                        type='button'
                        className='host-icon-button icon icon-dock-window'
                        aria-label='Pop out'
                        title='Pop out'
                        onClick={popout}
                    />
                )}
                <button
                    type='button'
                    className='host-icon-button icon icon-close'
                    aria-label='Close the sidebar'
                    title='Close'
                    onClick={() => dispatch({type: HostActions.CLOSE_RHS})}
                />
            </header>
            <div className='host-rhs__body'>{body}</div>
        </aside>
    );
}
