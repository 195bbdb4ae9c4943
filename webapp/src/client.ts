// The plugin's REST client (docs/API.md). Requests go with the browser's session
// cookies like the web client's own, with the CSRF token Mattermost checks on every
// method but GET.
import type {UserProfile} from '@mattermost/types/users';

import {pluginId} from './manifest';
import type {Checklist, Due, NewTodo, Priority, SettingsChange, Todo, TodoPage, TodoSort, TodoState, ToolResult, ToolScope, ToolVerb, UserSettings} from './types/todo';

/** An error answer from the API, with its stable code (e.g. `edit_not_allowed`). */
/** The values an error's message names (a limit, a todo's number), by their translation names. */
export type ErrorParams = Record<string, string | number>;

export class ClientError extends Error {
    constructor(message: string, readonly status: number, readonly code: string, readonly params: ErrorParams = {}) {
        super(message);
        this.name = 'ClientError';
    }
}

export type ListQuery = {
    state?: TodoState | 'all';
    cursor?: string;
    limit?: number;

    /** The order, one priority, one assignee (a user id or `me`); lists and Mine alike. */
    sort?: TodoSort;
    priority?: Priority;
    assignee?: string;
};

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

// How long an answer read ahead stays good to take (ms).
const readAheadFor = 5000;

function cookie(name: string): string {
    const prefix = `${name}=`;
    const found = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(prefix));
    return found ? decodeURIComponent(found.slice(prefix.length)) : '';
}

/** The server's subpath (window.basename), '' at the root. */
export function siteBase(): string {
    return ((window as {basename?: string}).basename ?? '').replace(/\/$/, '');
}

/** Where the plugin's API lives, under the server's subpath if any. */
export function defaultBaseURL(): string {
    return `${siteBase()}/plugins/${pluginId}/api/v1`;
}

function query(params: Record<string, string | number | undefined>): string {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== '') {
            q.set(key, String(value));
        }
    }
    const s = q.toString();
    return s ? `?${s}` : '';
}

function toolPath(scope: ToolScope): string {
    return scope.kind === 'channel' ? `/channels/${encodeURIComponent(scope.channelId)}/tool` : '/users/me/tool';
}

export class TodoClient {
    constructor(
        private readonly baseURL: string = defaultBaseURL(),
        private readonly fetchFn: FetchFn = (input, init) => fetch(input, init),

        /** Base of Mattermost's own API, for the channel's members. */
        private readonly serverBase: string = siteBase(),
    ) {}

    // GET answers asked for ahead of need (the sidebar's first reads, from the click that
    // opens it), by URL: the next identical request takes one instead of asking again.
    private readonly ahead = new Map<string, {until: number; answer: Promise<unknown>}>();
    private readingAhead = false;

    /**
     * Starts the GET requests fn makes now. The next identical request, within a few seconds,
     * takes the answer (once) instead of asking again; one already read ahead is not asked twice.
     */
    readAhead(fn: (client: TodoClient) => unknown): void {
        this.readingAhead = true;
        try {
            fn(this);
        } finally {
            this.readingAhead = false;
        }
    }

    /** Forgets the answers read ahead and not taken yet: a change was announced since. */
    dropReadAhead(): void {
        this.ahead.clear();
    }

    private request<T>(method: string, path: string, body?: unknown): Promise<T> {
        const url = `${this.baseURL}${path}`;
        if (method !== 'GET') {
            return this.send(method, url, body);
        }
        const early = this.ahead.get(url);
        const fresh = early && early.until >= Date.now();
        if (this.readingAhead) {
            if (fresh) {
                return early.answer as Promise<T>;
            }
            const answer = this.send<T>(method, url);

            // Nobody may take it: its failure is for the one who does to see.
            answer.catch(() => undefined);
            this.ahead.set(url, {until: Date.now() + readAheadFor, answer});
            return answer;
        }
        if (early) {
            this.ahead.delete(url);
            if (fresh) {
                return early.answer as Promise<T>;
            }
        }
        return this.send(method, url, body);
    }

    private async send<T>(method: string, url: string, body?: unknown): Promise<T> {
        const headers: Record<string, string> = {'X-Requested-With': 'XMLHttpRequest'};
        if (method !== 'GET') {
            const csrf = cookie('MMCSRF');
            if (csrf) {
                headers['X-CSRF-Token'] = csrf;
            }
        }
        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
        }
        const res = await this.fetchFn(url, {
            method,
            headers,
            credentials: 'include',
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        let data: unknown;
        try {
            data = text ? JSON.parse(text) : undefined;
        } catch {
            data = undefined;
        }
        if (!res.ok) {
            const err = (data ?? {}) as {error?: string; code?: string; params?: ErrorParams};
            throw new ClientError(err.error || text || res.statusText || `HTTP ${res.status}`, res.status, err.code ?? '', err.params ?? {});
        }
        return data as T;
    }

    listChannelTodos(channelId: string, q: ListQuery = {}): Promise<TodoPage> {
        return this.request('GET', `/channels/${encodeURIComponent(channelId)}/todos${query(q)}`);
    }

    addChannelTodo(channelId: string, todo: NewTodo): Promise<Todo> {
        return this.request('POST', `/channels/${encodeURIComponent(channelId)}/todos`, todo);
    }

    listMyTodos(q: ListQuery = {}): Promise<TodoPage> {
        return this.request('GET', `/users/me/todos${query(q)}`);
    }

    addMyTodo(todo: NewTodo): Promise<Todo> {
        return this.request('POST', '/users/me/todos', todo);
    }

    /** My personal list plus todos assigned to me in every channel I can read. */
    listMine(q: ListQuery = {}): Promise<TodoPage> {
        return this.request('GET', `/users/me/mine${query(q)}`);
    }

    /** One page of the todos, in every list the user can read, whose words begin with q's words. */
    search(q: ListQuery & {q: string}): Promise<TodoPage> {
        return this.request('GET', `/search${query(q)}`);
    }

    getTodo(id: string): Promise<Todo> {
        return this.request('GET', `/todos/${encodeURIComponent(id)}`);
    }

    editTodo(id: string, text: string): Promise<Todo> {
        return this.request('PATCH', `/todos/${encodeURIComponent(id)}`, {text});
    }

    setPriority(id: string, priority: Priority): Promise<Todo> {
        return this.request('PATCH', `/todos/${encodeURIComponent(id)}`, {priority});
    }

    /** How the todo repeats ('' stops it). */
    setRecur(id: string, recur: string): Promise<Todo> {
        return this.request('PATCH', `/todos/${encodeURIComponent(id)}`, {recur});
    }

    deleteTodo(id: string): Promise<Todo> {
        return this.request('DELETE', `/todos/${encodeURIComponent(id)}`);
    }

    restoreTodo(id: string): Promise<Todo> {
        return this.request('POST', `/todos/${encodeURIComponent(id)}/restore`);
    }

    /** The root of the todo's Mattermost thread, started (by the bot) if it has none. */
    async todoThread(id: string): Promise<string> {
        const res = await this.request<{root_id: string}>('POST', `/todos/${encodeURIComponent(id)}/thread`);
        return res.root_id;
    }

    /** Posts text as the user in the todo's thread. */
    commentOnTodo(id: string, text: string): Promise<{root_id: string; post_id: string}> {
        return this.request('POST', `/todos/${encodeURIComponent(id)}/comments`, {text});
    }

    /** Completes the todo; with force, also when its checklist has open items (else 409 items_open). */
    completeTodo(id: string, force = false): Promise<Todo> {
        return this.request('POST', `/todos/${encodeURIComponent(id)}/complete`, force ? {force: true} : undefined);
    }

    /** The todo's checklist. */
    checklist(id: string): Promise<Checklist> {
        return this.request('GET', `/todos/${encodeURIComponent(id)}/items`);
    }

    addItem(id: string, text: string): Promise<Checklist> {
        return this.request('POST', `/todos/${encodeURIComponent(id)}/items`, {text});
    }

    /** Ticks (done) or unticks an item, or changes its text. */
    changeItem(id: string, itemId: string, change: {text?: string; done?: boolean}): Promise<Checklist> {
        return this.request('PATCH', `/todos/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}`, change);
    }

    /** Puts the item at a 1-based place of the checklist. */
    moveItem(id: string, itemId: string, position: number): Promise<Checklist> {
        return this.request('POST', `/todos/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/move`, {position});
    }

    removeItem(id: string, itemId: string): Promise<Checklist> {
        return this.request('DELETE', `/todos/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}`);
    }

    reopenTodo(id: string): Promise<Todo> {
        return this.request('POST', `/todos/${encodeURIComponent(id)}/reopen`);
    }

    /** Places the todo right after afterId in its list; '' moves it to the top. */
    moveTodo(id: string, afterId: string): Promise<Todo> {
        return this.request('POST', `/todos/${encodeURIComponent(id)}/move`, {after_id: afterId});
    }

    setAssignees(id: string, userIds: string[]): Promise<Todo> {
        return this.request('PUT', `/todos/${encodeURIComponent(id)}/assignees`, {user_ids: userIds});
    }

    setDue(id: string, due: Due): Promise<Todo> {
        return this.request('PUT', `/todos/${encodeURIComponent(id)}/due`, due);
    }

    clearDue(id: string): Promise<Todo> {
        return this.request('DELETE', `/todos/${encodeURIComponent(id)}/due`);
    }

    /** Whether a command-line tool keeps the list and, if so, its list (`GET .../tool`). */
    /**
     * The tool's list. With firstPage, a channel's list the built-in store keeps comes back
     * with its first page of that size (`page`, as listChannelTodos with state 'all' reads it).
     */
    toolList(scope: ToolScope, firstPage?: number): Promise<ToolResult> {
        return this.request('GET', `${toolPath(scope)}${query({first_page: firstPage})}`);
    }

    /** One of the tool's commands on the list: add a text, or done/delete an id. */
    toolRun(scope: ToolScope, verb: ToolVerb, arg: string): Promise<ToolResult> {
        return this.request('POST', toolPath(scope), {verb, arg});
    }

    /** My own settings: the daily digest and the completion notice. */
    getSettings(): Promise<UserSettings> {
        return this.request('GET', '/users/me/settings');
    }

    saveSettings(change: SettingsChange): Promise<UserSettings> {
        return this.request('PUT', '/users/me/settings', change);
    }

    /** The channel's active members (Mattermost's API), the people a todo can go to. */
    listChannelMembers(channelId: string): Promise<UserProfile[]> {
        return this.send('GET', `${this.serverBase}/api/v4/users${query({in_channel: channelId, active: 'true', per_page: 200})}`);
    }
}

/** The client the plugin's components use. */
const client = new TodoClient();
export default client;
