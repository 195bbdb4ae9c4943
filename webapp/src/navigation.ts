// Links into the web client: a real href (so a new tab, a copied link and a page without
// the client work) that, inside the client, switches views without reloading the page.
import type React from 'react';

import {siteBase} from './client';

type History = {push(path: string): void};

function hostHistory(): History | undefined {
    const history = (window as {WebappUtils?: {browserHistory?: Partial<History>}}).WebappUtils?.browserHistory;
    return typeof history?.push === 'function' ? history as History : undefined;
}

/** The href of a path inside the web client, under the server's subpath. */
export function hrefOf(path: string): string {
    return `${siteBase()}${path}`;
}

/** Goes to `path` with the client's router; false when there is none. */
export function followPath(path: string): boolean {
    const history = hostHistory();
    if (!history) {
        return false;
    }
    history.push(path);
    return true;
}

/** A click on a link to `path`: the client's router takes it when there is one. */
export function followInClient(e: React.MouseEvent, path: string): void {
    const history = hostHistory();
    if (history && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
        e.preventDefault();
        history.push(path);
    }
}
