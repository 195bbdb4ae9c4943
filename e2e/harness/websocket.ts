// A user's WebSocket to the real server, as the web client keeps one open: for tests that check
// what arrives live (posts, the plugin's custom_channel-todo_* events).
import WebSocket from 'ws';

import type {Login} from './stack';

/** One event as Mattermost sends it on /api/v4/websocket. */
export interface WsEvent {
    event: string;
    data: Record<string, unknown>;
    broadcast: {user_id?: string; channel_id?: string; team_id?: string; omit_users?: Record<string, boolean> | null};
    seq: number;
}

type Waiter = {match: (e: WsEvent) => boolean; resolve: (e: WsEvent) => void; reject: (err: Error) => void; timer: NodeJS.Timeout};

/** The events one user receives, from the moment of connecting. */
export class EventStream {
    /** Every event received so far, oldest first. */
    readonly events: WsEvent[] = [];
    private waiters: Waiter[] = [];

    private constructor(private readonly socket: WebSocket, readonly username: string) {
        socket.on('message', (raw) => {
            let msg: Partial<WsEvent>;
            try {
                msg = JSON.parse(raw.toString()) as Partial<WsEvent>;
            } catch {
                return;
            }
            if (typeof msg.event !== 'string') {
                return; // replies to client actions carry no event
            }
            const event = msg as WsEvent;
            this.events.push(event);
            for (const w of [...this.waiters]) {
                if (w.match(event)) {
                    this.settle(w);
                    w.resolve(event);
                }
            }
        });
        socket.on('close', () => {
            for (const w of [...this.waiters]) {
                this.settle(w);
                w.reject(new Error(`WebSocket of ${this.username} closed while waiting for an event`));
            }
        });
    }

    /** Connects as the login and resolves once the server said hello. */
    static connect(siteURL: string, login: Login): Promise<EventStream> {
        const url = `${siteURL.replace(/^http/, 'ws')}/api/v4/websocket`;
        const socket = new WebSocket(url, {headers: {Authorization: `Bearer ${login.token}`}});
        const stream = new EventStream(socket, login.username);
        return new Promise((resolve, reject) => {
            socket.once('error', reject);
            stream.next((e) => e.event === 'hello', 15_000).then(() => resolve(stream), reject);
        });
    }

    /**
     * The first event, already received or still to come, that matches. Rejects after
     * timeoutMs so a missing event fails the test instead of hanging it (a deadline, not a
     * speed assertion).
     */
    next(match: (e: WsEvent) => boolean, timeoutMs = 15_000): Promise<WsEvent> {
        return this.nextSince(0, match, timeoutMs);
    }

    /** Where the stream is now: nextSince(mark(), …) sees only events that arrive later. */
    mark(): number {
        return this.events.length;
    }

    /**
     * Like next(), but only events from index `since` on count, so waiting for a second event
     * like an earlier one (the same count twice, say) cannot settle on the earlier one.
     */
    nextSince(since: number, match: (e: WsEvent) => boolean, timeoutMs = 15_000): Promise<WsEvent> {
        const seen = this.events.slice(since).find(match);
        if (seen) {
            return Promise.resolve(seen);
        }
        return new Promise((resolve, reject) => {
            const waiter: Waiter = {
                match,
                resolve,
                reject,
                timer: setTimeout(() => {
                    this.settle(waiter);
                    const got = this.events.map((e) => e.event).join(', ') || 'nothing';
                    reject(new Error(`${this.username} received no matching WebSocket event (got: ${got})`));
                }, timeoutMs),
            };
            this.waiters.push(waiter);
        });
    }

    /** Forgets what was received so far, so next() only sees later events. */
    clear(): void {
        this.events.length = 0;
    }

    close(): void {
        this.socket.close();
    }

    private settle(w: Waiter): void {
        clearTimeout(w.timer);
        this.waiters = this.waiters.filter((x) => x !== w);
    }
}
