// A typed client for the plugin's REST API (docs/API.md), for end-to-end tests and benchmarks.
// Typed calls throw TodoApiError on any non-2xx answer; request() returns whatever came back, for
// tests that check error answers (status, JSON body) themselves.
import type {Checklist, Due, NewTodo, Priority, Todo, TodoPage, TodoScope, TodoSort, TodoState} from '../../webapp/src/types/todo';

import type {Login} from './stack';

/** The plugin's REST base under the site URL. */
export const apiBase = '/plugins/channel-todo/api/v1';

// The payload types are the webapp's own (docs/API.md), so the two cannot drift apart.
export type {Checklist, Due, Todo, TodoState};
export type Scope = TodoScope;

/** One page of a list. */
export type Page = TodoPage;

/** The JSON body of every error answer. */
export interface ErrorBody {
    error: string;
    code: string;
}

export type AddTodo = NewTodo;

export interface ListQuery {
    state?: 'open' | 'done' | 'all';
    assignee?: string;
    completed_by?: string;
    due_before?: string;
    has_due?: boolean;
    priority?: Priority;
    sort?: TodoSort;
    cursor?: string;
    limit?: number;
}

export type MoveTo = {after_id: string} | {to: 'top' | 'bottom'} | {position: number};

/** What came back for one request. `json` is undefined when the body is not JSON. */
export interface Answer {
    status: number;
    headers: Headers;
    text: string;
    json: unknown;
}

/** A non-2xx answer to a typed call. */
export class TodoApiError extends Error {
    constructor(readonly method: string, readonly path: string, readonly status: number, readonly body: Partial<ErrorBody> | undefined, text: string) {
        super(`${method} ${path}: ${status} ${body?.code ?? ''} ${body?.error ?? text.slice(0, 200)}`);
        this.name = 'TodoApiError';
    }

    get code(): string | undefined {
        return this.body?.code;
    }
}

/** Options for request(): a raw body (sent as is) or a value (sent as JSON), extra headers. */
export interface RequestOptions {
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
}

export class TodoApi {
    /**
     * @param siteURL the Mattermost site URL, e.g. http://127.0.0.1:8065
     * @param token a session or personal access token; none sends the request anonymously
     */
    constructor(readonly siteURL: string, readonly token?: string) {}

    /** A client acting as a seeded login. */
    static as(login: Login, siteURL: string): TodoApi {
        return new TodoApi(siteURL, login.token);
    }

    /** Sends one request to a path under the API base and returns the answer, whatever its status. */
    async request(method: string, path: string, opts: RequestOptions = {}): Promise<Answer> {
        const headers: Record<string, string> = {...opts.headers};
        if (this.token) {
            headers.Authorization = `Bearer ${this.token}`;
        }
        let body: string | undefined = opts.rawBody;
        if (body === undefined && opts.body !== undefined) {
            body = JSON.stringify(opts.body);
        }
        if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
            headers['Content-Type'] = 'application/json';
        }
        const res = await fetch(`${this.siteURL}${apiBase}${path}`, {method, headers, body});
        const text = await res.text();
        let json: unknown;
        try {
            json = text === '' ? undefined : JSON.parse(text);
        } catch {
            json = undefined;
        }
        return {status: res.status, headers: res.headers, text, json};
    }

    private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
        const answer = await this.request(method, path, {body});
        if (answer.status < 200 || answer.status > 299) {
            throw new TodoApiError(method, path, answer.status, answer.json as Partial<ErrorBody> | undefined, answer.text);
        }
        return answer.json as T;
    }

    // A channel's list.

    addToChannel(channelId: string, todo: AddTodo): Promise<Todo> {
        return this.call('POST', `/channels/${channelId}/todos`, todo);
    }

    listChannel(channelId: string, query: ListQuery = {}): Promise<Page> {
        return this.call('GET', `/channels/${channelId}/todos${queryString(query)}`);
    }

    /** Every todo of a channel's list, following next_cursor page by page. */
    listChannelAll(channelId: string, query: Omit<ListQuery, 'cursor'> = {}): Promise<{todos: Todo[]; pages: number}> {
        return collect((cursor) => this.listChannel(channelId, {...query, cursor}));
    }

    byNumber(channelId: string, number: number): Promise<Todo> {
        return this.call('GET', `/channels/${channelId}/todos/number/${number}`);
    }

    // The acting user's own todos.

    addPersonal(todo: AddTodo): Promise<Todo> {
        return this.call('POST', '/users/me/todos', todo);
    }

    listPersonal(query: ListQuery = {}): Promise<Page> {
        return this.call('GET', `/users/me/todos${queryString(query)}`);
    }

    /** GET /users/me/mine, which takes a list's parameters. */
    mine(query: ListQuery = {}): Promise<Page> {
        return this.call('GET', `/users/me/mine${queryString(query)}`);
    }

    // One todo.

    get(id: string): Promise<Todo> {
        return this.call('GET', `/todos/${id}`);
    }

    /** PATCH /todos/{id} with any of text and priority. */
    patch(id: string, change: {text?: string; priority?: Priority; recur?: string}): Promise<Todo> {
        return this.call('PATCH', `/todos/${id}`, change);
    }

    edit(id: string, text: string): Promise<Todo> {
        return this.call('PATCH', `/todos/${id}`, {text});
    }

    delete(id: string): Promise<Todo> {
        return this.call('DELETE', `/todos/${id}`);
    }

    restore(id: string): Promise<Todo> {
        return this.call('POST', `/todos/${id}/restore`);
    }

    /** The root of the todo's thread, started by the bot if it had none. */
    thread(id: string): Promise<{root_id: string}> {
        return this.call('POST', `/todos/${id}/thread`);
    }

    /** Posts text as this user in the todo's thread. */
    comment(id: string, text: string): Promise<{root_id: string; post_id: string}> {
        return this.call('POST', `/todos/${id}/comments`, {text});
    }

    complete(id: string): Promise<Todo> {
        return this.call('POST', `/todos/${id}/complete`);
    }

    reopen(id: string): Promise<Todo> {
        return this.call('POST', `/todos/${id}/reopen`);
    }

    move(id: string, to: MoveTo): Promise<Todo> {
        return this.call('POST', `/todos/${id}/move`, to);
    }

    setAssignees(id: string, userIds: string[]): Promise<Todo> {
        return this.call('PUT', `/todos/${id}/assignees`, {user_ids: userIds});
    }

    addAssignees(id: string, userIds: string[]): Promise<Todo> {
        return this.call('POST', `/todos/${id}/assignees`, {user_ids: userIds});
    }

    removeAssignee(id: string, userId: string): Promise<Todo> {
        return this.call('DELETE', `/todos/${id}/assignees/${userId}`);
    }

    setDue(id: string, due: Due): Promise<Todo> {
        return this.call('PUT', `/todos/${id}/due`, due);
    }

    clearDue(id: string): Promise<Todo> {
        return this.call('DELETE', `/todos/${id}/due`);
    }

    // A todo's checklist.

    checklist(id: string): Promise<Checklist> {
        return this.call('GET', `/todos/${id}/items`);
    }

    addItem(id: string, text: string): Promise<Checklist> {
        return this.call('POST', `/todos/${id}/items`, {text});
    }

    changeItem(id: string, itemId: string, change: {text?: string; done?: boolean}): Promise<Checklist> {
        return this.call('PATCH', `/todos/${id}/items/${itemId}`, change);
    }

    moveItem(id: string, itemId: string, position: number): Promise<Checklist> {
        return this.call('POST', `/todos/${id}/items/${itemId}/move`, {position});
    }

    removeItem(id: string, itemId: string): Promise<Checklist> {
        return this.call('DELETE', `/todos/${id}/items/${itemId}`);
    }
}

function queryString(query: ListQuery): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== '') {
            params.set(key, String(value));
        }
    }
    const s = params.toString();
    return s ? `?${s}` : '';
}

async function collect(page: (cursor: string | undefined) => Promise<Page>): Promise<{todos: Todo[]; pages: number}> {
    const todos: Todo[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
        const p = await page(cursor);
        pages++;
        todos.push(...p.todos);
        cursor = p.next_cursor;
    } while (cursor);
    return {todos, pages};
}

/** The `data` of a custom_channel-todo_todo_changed WebSocket event, with `todo` decoded. */
export interface TodoChanged {
    action: string;
    list_id: string;
    channel_id: string;
    user_id: string;
    version: number;
    todo_id: string;
    todo: Todo;
}

/** The WebSocket event name the plugin's todo_changed event arrives under. */
export const todoChangedEvent = 'custom_channel-todo_todo_changed';

/** Decodes an event's data; the todo travels JSON-encoded as a string. */
export function decodeTodoChanged(data: Record<string, unknown>): TodoChanged {
    const todo = typeof data.todo === 'string' ? JSON.parse(data.todo) as Todo : data.todo as Todo;
    return {
        action: String(data.action),
        list_id: String(data.list_id),
        channel_id: String(data.channel_id ?? ''),
        user_id: String(data.user_id ?? ''),
        version: Number(data.version),
        todo_id: String(data.todo_id),
        todo,
    };
}
