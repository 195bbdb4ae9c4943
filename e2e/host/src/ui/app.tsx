import React, {useEffect, useRef, useState} from 'react';
import {IntlProvider} from 'react-intl';
import {Provider} from 'react-redux';

import type {WebSocketClient} from '@mattermost/client';

import {PluginLoader} from '../plugin_loader';
import type {PluginStatus} from '../plugin_loader';
import type {Registrations$} from '../registry';
import {forgetSession, loadWorkspace, savedToken, sessionFromLogin, sessionFromToken} from '../session';
import type {Session} from '../session';
import {connectSocket} from '../socket';
import type {SocketStatus} from '../socket';
import type {HostStore} from '../store';

import AppBar from './app_bar';
import ChannelPane from './channel_pane';
import {HostContext, useRegistrations} from './context';
import type {Host} from './context';
import LoginForm from './login_form';
import PluginBoundary from './plugin_boundary';
import Rhs from './rhs';
import TopBar from './top_bar';

type Phase = 'starting' | 'login' | 'loading' | 'ready' | 'failed';
type Theme = 'light' | 'dark';

type Props = {
    store: HostStore;
    registrations: Registrations$;

    /** Called once the page is signed in, for window.channelTodoHost. */
    onStarted: (host: Host) => void;
};

const params = new URLSearchParams(window.location.search);

function initialTheme(): Theme {
    return params.get('theme') === 'dark' ? 'dark' : 'light';
}

function Status({phase, socket, plugins, error}: {phase: Phase; socket: SocketStatus; plugins: PluginStatus[]; error: string}) {
    return (
        <footer
            className='host-status'
            data-testid='host-status'
            data-phase={phase}
            data-socket={socket}
        >
            <span>{`Host: ${phase}`}</span>
            <span>{`WebSocket: ${socket}`}</span>
            {plugins.map((p) => (
                <span
                    key={p.id}
                    data-plugin-id={p.id}
                    data-plugin-state={p.state}
                >
                    {`${p.id} ${p.version}: ${p.state}${p.error ? ` (${p.error})` : ''}`}
                </span>
            ))}
            {error && <span className='host-error'>{error}</span>}
        </footer>
    );
}

function RootComponents({registrations}: {registrations: Registrations$}) {
    const {root} = useRegistrations(registrations);
    return (
        <>
            {root.map(({id, pluginId, component: Component}) => (
                <PluginBoundary
                    key={id}
                    pluginId={pluginId}
                    what='root component'
                >
                    <Component/>
                </PluginBoundary>
            ))}
        </>
    );
}

/** The whole page: sign-in, then the workspace with the plugins' surfaces. */
export default function HostApp({store, registrations, onStarted}: Props) {
    const [phase, setPhase] = useState<Phase>('starting');
    const [host, setHost] = useState<Host | null>(null);
    const [loginReason, setLoginReason] = useState('');
    const [error, setError] = useState('');
    const [theme, setTheme] = useState<Theme>(initialTheme);
    const [socketStatus, setSocketStatus] = useState<SocketStatus>('closed');
    const [plugins, setPlugins] = useState<PluginStatus[]>([]);
    const socket = useRef<WebSocketClient | null>(null);
    useRegistrations(registrations);
    const locale = params.get('locale') || host?.session.user.locale || 'en';

    useEffect(() => {
        document.documentElement.dataset.theme = theme;
    }, [theme]);

    // Re-read on every registration (useRegistrations re-renders); the object stays
    // the same until translations change.
    const messages = registrations.messagesFor(locale);

    const start = async (session: Session) => {
        setPhase('loading');
        try {
            await loadWorkspace(session, store);
            const loader = new PluginLoader(session.client, store, registrations, () => setPlugins([...loader.statuses.values()]));
            const started = {session, registrations, loader};
            setHost(started);
            onStarted(started);
            socket.current = connectSocket(session, store, registrations, setSocketStatus);
            await loader.loadAll();
            setPhase('ready');
        } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            console.error(`host page failed to start: ${message}`);
            setError(message);
            setPhase('failed');
        }
    };

    useEffect(() => {
        const token = savedToken();
        if (!token) {
            setPhase('login');
            return;
        }
        sessionFromToken(token).then(start, (err) => {
            forgetSession();
            setLoginReason(`The saved session did not work: ${err instanceof Error ? err.message : String(err)}`);
            setPhase('login');
        });
        return () => socket.current?.close();

        // Runs once: signing in is a one-way step for this page.
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, []);

    const status = (
        <Status
            phase={phase}
            socket={socketStatus}
            plugins={plugins}
            error={error}
        />
    );

    if (phase === 'login' || phase === 'starting') {
        return (
            <div className='host host--login'>
                {phase === 'login' && (
                    <LoginForm
                        reason={loginReason}
                        onSignIn={async (id, password) => start(await sessionFromLogin(id, password))}
                    />
                )}
                {status}
            </div>
        );
    }

    // The server clears its (HttpOnly) session cookies on logout.
    const signOut = async () => {
        socket.current?.close();
        await host?.session.client.logout().catch((err) => console.warn('signing out failed', err));
        forgetSession();
        window.location.search = '';
    };

    return (
        <Provider store={store}>
            <IntlProvider
                locale={locale}
                defaultLocale='en'
                messages={messages}
            >
                <div className='host'>
                    {host && (
                        <HostContext.Provider value={host}>
                            <TopBar
                                theme={theme}
                                onToggleTheme={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
                                onSignOut={signOut}
                            />
                            <div className='host-body'>
                                <ChannelPane/>
                                <Rhs/>
                                <AppBar/>
                            </div>
                            <RootComponents registrations={registrations}/>
                        </HostContext.Provider>
                    )}
                    {status}
                </div>
            </IntlProvider>
        </Provider>
    );
}
