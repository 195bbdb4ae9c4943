// The sidebar's first reads start with the click that opens it, so the answer is on its way
// while the host renders the sidebar instead of being asked for after; the sidebar's views
// then take the answers (TodoClient.readAhead) instead of asking again.
import {useEffect} from 'react';

import type {SidebarView} from '../../actions';
import type {TodoClient} from '../../client';
import {firstPageSize} from '../../hooks/use_todo_actions';
import {firstMineQuery} from '../my_todos/my_todos';

let shown = 0;

/** Marks the sidebar as shown while the calling component is mounted. */
export function useSidebarShown(): void {
    useEffect(() => {
        shown++;
        return () => {
            shown--;
        };
    }, []);
}

/** Whether a sidebar is shown now (a click on its door then closes it: nothing to read). */
export function sidebarShown(): boolean {
    return shown > 0;
}

/** Mine's first page, read while the sidebar asks whether a tool keeps the personal list. */
export function readMineAhead(client: TodoClient): void {
    client.readAhead((c) => c.listMine(firstMineQuery));
}

/** What the sidebar reads first for the view it will open on. */
export function readFirstPages(client: TodoClient, view: SidebarView, channelId: string | undefined): void {
    if (view === 'mine') {
        client.readAhead((c) => c.toolList({kind: 'personal'}));
        readMineAhead(client);
    } else if (channelId) {
        client.readAhead((c) => c.toolList({kind: 'channel', channelId}, firstPageSize));
    }
}
