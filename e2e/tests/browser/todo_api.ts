// The plugin's REST API (docs/API.md) as a test drives it from outside the browser,
// with a user's token.
import type {Login} from '../../harness/stack';

export type Todo = {
    id: string;
    list_id: string;
    number: number;
    text: string;
    state: 'open' | 'done';
    deleted_at?: number;
    post_id?: string;
    assignees?: string[];
    root_id?: string;
};

export type TodoPage = {todos: Todo[]; version: number; next_cursor?: string};

export function todoApi(siteURL: string, login: Login) {
    const base = `${siteURL}/plugins/channel-todo/api/v1`;
    const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
        const res = await fetch(`${base}${path}`, {
            method,
            headers: {
                Authorization: `Bearer ${login.token}`,
                ...(body === undefined ? {} : {'Content-Type': 'application/json'}),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) {
            throw new Error(`${method} ${path}: ${res.status} ${text}`);
        }
        return JSON.parse(text) as T;
    };
    return {
        list: (channelId: string, state: 'open' | 'done' | 'all' = 'all') => request<TodoPage>('GET', `/channels/${channelId}/todos?state=${state}&limit=200`),
        add: (channelId: string, text: string) => request<Todo>('POST', `/channels/${channelId}/todos`, {text}),
        get: (id: string) => request<Todo>('GET', `/todos/${id}`),
        complete: (id: string) => request<Todo>('POST', `/todos/${id}/complete`),
        edit: (id: string, text: string) => request<Todo>('PATCH', `/todos/${id}`, {text}),
        mine: () => request<TodoPage>('GET', '/users/me/mine?limit=200'),
    };
}
