// The client's global channel-switch shortcuts (components/sidebar/sidebar_category_list):
// Alt+↑/↓ go to the previous/next channel of the sidebar, Alt+Shift+↑/↓ to the
// previous/next unread one. They listen on document and do not look at
// defaultPrevented, so a plugin that uses these keys must stop their propagation.
import {goToChannel} from './navigation';
import {sidebarOrder} from './sidebar_order';
import type {HostStore} from './store';

export function installChannelShortcuts(store: HostStore): () => void {
    const onKeyDown = (e: KeyboardEvent) => {
        if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) {
            return;
        }
        e.preventDefault();
        const state = store.getState();
        const current = state.entities.channels.currentChannelId;
        const unread = state.entities.channels.unread;
        const order = sidebarOrder(state).map((c) => c.id);
        const candidates = e.shiftKey ? order.filter((id) => unread[id] || id === current) : order;
        const at = candidates.indexOf(current);
        if (candidates.length < 2 || at < 0) {
            return;
        }
        const step = e.key === 'ArrowUp' ? -1 : 1;
        const next = candidates[(at + step + candidates.length) % candidates.length];
        goToChannel(state, next);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
}
