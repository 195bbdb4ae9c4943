import React from 'react';
import {useDispatch, useSelector} from 'react-redux';

import {HostActions} from '../store';
import type {HostState} from '../store';

import {useHost, useRegistrations} from './context';
import PluginBoundary from './plugin_boundary';
import ThreadView from './thread_view';

/**
 * The right-hand sidebar: a plugin's registered component or an open thread, one at
 * a time, as in the web client.
 */
export default function Rhs() {
    const {registrations} = useHost();
    const {rhs: registered} = useRegistrations(registrations);
    const view = useSelector((state: HostState) => state.views.rhs);
    const dispatch = useDispatch();

    let title: React.ReactNode = null;
    let body: React.ReactNode = null;
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
                    <Component/>
                </PluginBoundary>
            );
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
                <button
                    type='button'
                    aria-label='Close the sidebar'
                    onClick={() => dispatch({type: HostActions.CLOSE_RHS})}
                >
                    {'×'}
                </button>
            </header>
            <div className='host-rhs__body'>{body}</div>
        </aside>
    );
}
