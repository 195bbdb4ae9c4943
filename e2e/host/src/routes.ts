// The page's addresses, as the web client's: /<team>/channels/<name>, /<team>/messages/@<user>,
// /<team>/pl/<post id>, /_redirect/pl/<post id> and /_popout/rhs/<team>/<channel>/plugin/<id>
// (the host's spelling of a popped-out plugin sidebar), all under window.basename when
// the server lives on a subpath. WebappUtils.browserHistory is the history plugins
// navigate with.

declare global {
    interface Window {

        /** The server's subpath ('' at the root), set by the page before anything runs. */
        basename?: string;
    }
}

export function basename(): string {
    return (window.basename ?? '').replace(/\/$/, '');
}

export type Route =
    | {kind: 'channel'; team: string; channel: string}
    | {kind: 'direct'; team: string; username: string}
    | {kind: 'permalink'; team: string; postId: string}
    | {kind: 'popout'; team: string; channel: string; pluginId: string}
    | {kind: 'home'};

/** The route of a path inside the app (without the basename). */
export function parseRoute(path: string): Route {
    const parts = path.split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === '_popout' && parts[1] === 'rhs' && parts[4] === 'plugin' && parts.length === 6) {
        return {kind: 'popout', team: parts[2], channel: parts[3], pluginId: parts[5]};
    }
    if (parts[0] === '_redirect' && parts[1] === 'pl' && parts[2]) {
        return {kind: 'permalink', team: '', postId: parts[2]};
    }
    if (parts.length === 3 && parts[1] === 'channels') {
        return {kind: 'channel', team: parts[0], channel: parts[2]};
    }
    if (parts.length === 3 && parts[1] === 'messages' && parts[2].startsWith('@')) {
        return {kind: 'direct', team: parts[0], username: parts[2].slice(1)};
    }
    if (parts.length === 3 && parts[1] === 'messages') {
        return {kind: 'channel', team: parts[0], channel: parts[2]};
    }
    if (parts.length === 3 && parts[1] === 'pl') {
        return {kind: 'permalink', team: parts[0], postId: parts[2]};
    }
    return {kind: 'home'};
}

export function channelPath(team: string, channel: string): string {
    return `/${encodeURIComponent(team)}/channels/${encodeURIComponent(channel)}`;
}

export function popoutPath(team: string, channel: string, pluginId: string): string {
    return `/_popout/rhs/${encodeURIComponent(team)}/${encodeURIComponent(channel)}/plugin/${encodeURIComponent(pluginId)}`;
}

type Location = {pathname: string; search: string; hash: string};

/** The part of react-router's history that plugins use: push, replace, listen, location. */
export class BrowserHistory {
    private listeners = new Set<(location: Location) => void>();

    constructor() {
        window.addEventListener('popstate', () => this.notify());
    }

    get location(): Location {
        const base = basename();
        const {pathname, search, hash} = window.location;
        return {pathname: base && pathname.startsWith(base) ? pathname.slice(base.length) || '/' : pathname, search, hash};
    }

    push = (path: string): void => {
        window.history.pushState({}, '', `${basename()}${path}`);
        this.notify();
    };

    replace = (path: string): void => {
        window.history.replaceState({}, '', `${basename()}${path}`);
        this.notify();
    };

    goBack = (): void => window.history.back();

    listen = (listener: (location: Location) => void): (() => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    };

    private notify(): void {
        const location = this.location;
        this.listeners.forEach((l) => l(location));
    }
}

export const browserHistory = new BrowserHistory();
