import React, {useEffect, useRef, useState} from 'react';
import {IntlProvider} from 'react-intl';
import {Provider, useSelector} from 'react-redux';

import type {WebSocketClient} from '@mattermost/client';

import {currentRoute, followRoute} from '../navigation';
import {PluginLoader} from '../plugin_loader';
import type {PluginStatus} from '../plugin_loader';
import type {Registrations$} from '../registry';
import {browserHistory, parseRoute} from '../routes';
import {forgetSession, loadSession, savedToken, sessionFromCookies, sessionFromLogin, sessionFromToken} from '../session';
import type {Session} from '../session';
import {installChannelShortcuts} from '../shortcuts';
import {connectSocket} from '../socket';
import type {SocketStatus} from '../socket';
import type {HostState, HostStore} from '../store';

import AppBar from './app_bar';
import ChannelPane from './channel_pane';
import ChannelSidebar from './channel_sidebar';
import {HostContext, useRegistrations} from './context';
import type {Host, Theme} from './context';
import LoginForm from './login_form';
import PluginBoundary from './plugin_boundary';
import PopoutView from './popout_view';
import Rhs from './rhs';
import TopBar from './top_bar';

type Phase = 'starting' | 'login' | 'loading' | 'ready' | 'failed';

type Props = {
    store: HostStore;
    registrations: Registrations$;

    /** Called once the page is signed in, for window.channelTodoHost. */
    onStarted: (host: Host) => void;
};

// The theme is the host's own switch (the client keeps it in the user's preferences):
// `?theme=dark` starts dark.
function initialTheme(): Theme {
    return new URLSearchParams(window.location.search).get('theme') === 'dark' ? 'dark' : 'light';
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

// The locale is the user's language setting on the server (Settings → Display →
// Language), as in the client; 'en' when it is empty.
function IntlFromUser({registrations, children}: {registrations: Registrations$; children: React.ReactNode}) {
    const locale = useSelector((state: HostState) => state.entities.users.profiles[state.entities.users.currentUserId]?.locale) || 'en';

    // Re-read on every registration (useRegistrations re-renders); the object stays
    // the same until translations change.
    useRegistrations(registrations);
    const messages = registrations.messagesFor(locale);
    return (
        <IntlProvider
            locale={locale}
            defaultLocale='en'
            messages={messages}
        >
            {children}
        </IntlProvider>
    );
}

/** The whole page: sign-in, then the workspace with the plugins' surfaces (or a popped-out sidebar). */
export default function HostApp({store, registrations, onStarted}: Props) {
    const [phase, setPhase] = useState<Phase>('starting');
    const [host, setHost] = useState<Host | null>(null);
    const [loginReason, setLoginReason] = useState('');
    const [error, setError] = useState('');
    const [theme, setTheme] = useState<Theme>(initialTheme);
    const [socketStatus, setSocketStatus] = useState<SocketStatus>('closed');
    const [plugins, setPlugins] = useState<PluginStatus[]>([]);
    const socket = useRef<WebSocketClient | null>(null);
    const popout = parseRoute(browserHistory.location.pathname).kind === 'popout';

    useEffect(() => {
        document.documentElement.dataset.theme = theme;
    }, [theme]);

    const start = async (session: Session) => {
        setPhase('loading');
        try {
            await loadSession(session, store);
            await followRoute(session.client, store, currentRoute());
            const loader = new PluginLoader(session.client, store, registrations, () => setPlugins([...loader.statuses.values()]));
            socket.current = connectSocket(session, store, registrations, loader, setSocketStatus);
            const started: Host = {session, registrations, loader, webSocketClient: socket.current};
            setHost(started);
            onStarted(started);
            browserHistory.listen(() => {
                followRoute(session.client, store, currentRoute()).catch((err) => console.warn('following the address failed', err));
            });
            if (!popout) {
                installChannelShortcuts(store);
            }
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
        const session = token ? sessionFromToken(token) : sessionFromCookies();
        session.then(start, (err) => {
            forgetSession();
            if (token) {
                setLoginReason(`The saved session did not work: ${err instanceof Error ? err.message : String(err)}`);
            }
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
        window.location.reload();
    };

    return (
        <Provider store={store}>
            <IntlFromUser registrations={registrations}>
                <div className={`host${popout ? ' host--popout' : ''}`}>
                    {host && popout && (
                        <HostContext.Provider value={{...host, theme}}>
                            <PopoutView/>
                        </HostContext.Provider>
                    )}
                    {host && !popout && (
                        <HostContext.Provider value={{...host, theme}}>
                            <TopBar
                                theme={theme}
                                onToggleTheme={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
                                onSignOut={signOut}
                            />
                            <div className='host-body'>
                                <ChannelSidebar/>
                                <ChannelPane/>
                                <Rhs/>
                                <AppBar/>
                            </div>
                            <RootComponents registrations={registrations}/>
                        </HostContext.Provider>
                    )}
                    {status}
                </div>
            </IntlFromUser>
        </Provider>
    );
}
