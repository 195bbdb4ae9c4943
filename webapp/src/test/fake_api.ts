// An in-memory stand-in for the plugin's REST API (docs/API.md), reached through
// the real TodoClient with a fetch function. Lists keep versions and short
// numbers like the server; failures can be injected per route.
import {TodoClient} from '../client';
import type {UserProfile} from '@mattermost/types/users';

import type {NewTodo, Priority, Todo, TodoPage, ToolResult, ToolVerb} from '../types/todo';

type Failure = {method: string; path: RegExp; status: number; code: string; error: string};

type Reply = {status: number; body?: unknown};

export type FakeApi = {
    client: TodoClient;
    fetch: (input: string, init?: RequestInit) => Promise<Response>;
    todos: Map<string, Todo>;
    versions: Map<string, number>;
    calls: string[];

    /** The JSON body of every request that had one, with its method and path, in order. */
    bodies: Array<{method: string; path: string; body: Record<string, unknown>}>;

    /** What Mattermost answers for any channel's members. */
    members: UserProfile[];

    /** Seeds a todo into a channel's list as if it had been added through the API. */
    seed(channelId: string, text: string, extra?: Partial<Todo>): Todo;

    /** The next request matching method and path fails with this status and code. */
    failNext(method: string, path: RegExp, status?: number, code?: string, error?: string): void;

    /** The open (not deleted) todos of a list, in order. */
    listOf(listId: string): Todo[];

    /**
     * Hands a list ('c_<channel>' or 'personal') to a command-line tool: its routes
     * answer with run(verb, arg). Lists without one answer `active: false`.
     */
    setTool(listKey: string, run: ToolRun): void;
};

export type ToolRun = (verb: ToolVerb, arg: string) => ToolResult;

const me = 'user1';

const rank: Record<Priority, number> = {none: 0, low: 1, medium: 2, high: 3};

const byPosition = (a: Todo, b: Todo) => a.position - b.position;
const byCreation = (a: Todo, b: Todo) => a.created_at - b.created_at;

// The server's sorts (docs/API.md): most urgent first, or earliest due first with undated
// todos last; ties keep the list's order (across lists, Mine's: oldest first).
function sortedBy(sort: string | null, todos: Todo[], tie = byPosition): Todo[] {
    const due = (t: Todo) => (t.due ? `0${t.due.date} ${t.due.time ?? ''}` : '1');
    switch (sort) {
    case 'priority':
        return [...todos].sort((a, b) => (rank[b.priority ?? 'none'] - rank[a.priority ?? 'none']) || tie(a, b));
    case 'due':
        return [...todos].sort((a, b) => due(a).localeCompare(due(b)) || tie(a, b));
    }
    return [...todos].sort(tie);
}

function response({status, body}: Reply): Response {
    const text = body === undefined ? '' : JSON.stringify(body);
    return {
        ok: status >= 200 && status < 300,
        status,
        statusText: String(status),
        text: async () => text,
        json: async () => JSON.parse(text),
    } as unknown as Response;
}

export function createFakeApi(): FakeApi {
    const todos = new Map<string, Todo>();
    const versions = new Map<string, number>();
    const numbers = new Map<string, number>();
    const failures: Failure[] = [];
    const calls: string[] = [];
    const bodies: FakeApi['bodies'] = [];
    let ids = 0;
    let clock = 1764072000000;

    const listOf = (listId: string) => [...todos.values()].
        filter((t) => t.list_id === listId && !t.deleted_at).
        sort((a, b) => a.position - b.position);

    const bump = (listId: string) => versions.set(listId, (versions.get(listId) ?? 0) + 1);

    const create = (listId: string, scope: Todo['scope'], input: NewTodo): Todo => {
        const number = (numbers.get(listId) ?? 0) + 1;
        numbers.set(listId, number);
        const last = listOf(listId).at(-1);
        const todo: Todo = {
            id: `fake${++ids}`,
            list_id: listId,
            scope,
            number,
            text: input.text,
            state: 'open',
            position: (last?.position ?? 0) + 1024,
            creator_id: me,
            created_at: ++clock,
            updated_at: clock,
            assignees: input.assignees ?? [],
            due: input.due,
            priority: input.priority ?? 'none',
            post_id: input.post_id,
            root_id: input.root_id,
        };
        todos.set(todo.id, todo);
        bump(listId);
        return todo;
    };

    const change = (id: string, apply: (t: Todo) => Todo, allowDeleted = false): Reply => {
        const todo = todos.get(id);
        if (!todo || (todo.deleted_at && !allowDeleted)) {
            return {status: 404, body: {error: 'Not found.', code: 'not_found'}};
        }
        const next = {...apply(todo), updated_at: ++clock};
        todos.set(id, next);
        bump(todo.list_id);
        return {status: 200, body: next};
    };

    const page = (listId: string, state: string | null, filter: (t: Todo) => boolean = () => true): TodoPage => {
        const all = [...todos.values()].filter((t) => !t.deleted_at && filter(t)).sort((a, b) => a.position - b.position);
        const wanted = state === 'all' ? all : all.filter((t) => t.state === (state ?? 'open'));
        return {todos: wanted, version: versions.get(listId) ?? 0};
    };

    // Pages like the server: limit, and an opaque cursor (here an offset into the list).
    const pageOf = (whole: TodoPage, url: URL): TodoPage => {
        const limit = Number(url.searchParams.get('limit') ?? 50);
        const from = Number(url.searchParams.get('cursor') ?? 0);
        const more = from + limit < whole.todos.length;
        return {todos: whole.todos.slice(from, from + limit), version: whole.version, ...(more ? {next_cursor: String(from + limit)} : {})};
    };

    const members: UserProfile[] = [
        {id: 'user1', username: 'alice', first_name: 'Alice', last_name: 'A'} as UserProfile,
        {id: 'user2', username: 'bob', first_name: 'Bob', last_name: 'B'} as UserProfile,
    ];

    const tools = new Map<string, ToolRun>();

    const route = (method: string, url: URL, body: Record<string, unknown>): Reply => {
        if (url.pathname === '/site/api/v4/users' && method === 'GET') {
            return {status: 200, body: members};
        }
        // Served at /api in tests that pass the client, or at the plugin's real base.
        const path = url.pathname.replace(/^(\/plugins\/[^/]+\/api\/v1|\/api)(?=\/)/, '');
        let m: RegExpExecArray | null;
        if ((m = /^\/(?:channels\/([^/]+)|users\/me)\/tool$/.exec(path))) {
            const run = tools.get(m[1] ? `c_${m[1]}` : 'personal');
            if (!run) {
                // Like the server: the built-in list's first page, when asked for (a channel's).
                const first = url.searchParams.get('first_page');
                const listId = m[1] ? `c_${m[1]}` : '';
                const firstPage = first && listId && method === 'GET' ? pageOf(page(listId, 'all', (t) => t.list_id === listId), new URL(`http://fake/?limit=${first}`)) : undefined;
                return {status: 200, body: {active: false, ok: false, text: '', parsed: false, items: [], ...(firstPage ? {page: firstPage} : {})}};
            }
            return {status: 200, body: method === 'GET' ? run('list', '') : run(body.verb as ToolVerb, String(body.arg ?? ''))};
        }
        if ((m = /^\/channels\/([^/]+)\/todos$/.exec(path))) {
            const listId = `c_${m[1]}`;
            if (method === 'GET') {
                const q = url.searchParams;
                const assignee = q.get('assignee') === 'me' ? me : q.get('assignee');
                const wanted = (t: Todo) => t.list_id === listId &&
                    (!q.get('priority') || (t.priority ?? 'none') === q.get('priority')) &&
                    (!assignee || (t.assignees ?? []).includes(assignee));
                const whole = page(listId, q.get('state'), wanted);
                return {status: 200, body: pageOf({...whole, todos: sortedBy(q.get('sort'), whole.todos)}, url)};
            }
            if (!String(body.text ?? '').trim()) {
                return {status: 400, body: {error: 'The text of a todo cannot be empty.', code: 'text_empty'}};
            }
            return {status: 201, body: create(listId, {kind: 'channel', channel_id: m[1]}, body as NewTodo)};
        }
        if (path === '/users/me/todos' && method === 'POST') {
            return {status: 201, body: create(`u_${me}`, {kind: 'personal', user_id: me}, body as NewTodo)};
        }
        if (path === '/users/me/mine') {
            const q = url.searchParams;
            const assignee = q.get('assignee') === 'me' ? me : q.get('assignee');
            const mine = (t: Todo) => (t.list_id === `u_${me}` || (t.assignees ?? []).includes(me)) &&
                (!q.get('priority') || (t.priority ?? 'none') === q.get('priority')) &&
                (!assignee || (t.assignees ?? []).includes(assignee));
            const whole = page('', q.get('state'), mine);
            return {status: 200, body: {...pageOf({...whole, todos: sortedBy(q.get('sort'), whole.todos, byCreation)}, url), version: 0}};
        }
        if ((m = /^\/todos\/([^/]+)(\/[a-z]+)?$/.exec(path))) {
            const [, id, action = ''] = m;
            switch (`${method} ${action}`) {
            case 'PATCH ':
                if (body.priority !== undefined && !(String(body.priority) in rank)) {
                    return {status: 400, body: {error: 'The priority must be none, low, medium or high.', code: 'invalid_priority'}};
                }
                return change(id, (t) => ({
                    ...t,
                    ...(body.text === undefined ? {} : {text: String(body.text)}),
                    ...(body.priority === undefined ? {} : {priority: body.priority as Priority}),
                    ...(body.recur === undefined ? {} : {recur: String(body.recur) || undefined}),
                }));
            case 'DELETE ':
                return change(id, (t) => ({...t, deleted_at: clock, deleted_by: me}));
            case 'POST /restore':
                return change(id, (t) => ({...t, deleted_at: 0, deleted_by: ''}), true);
            case 'PUT /due':
                if (!/^\d{4}-\d{2}-\d{2}$/.test(String(body.date ?? ''))) {
                    return {status: 400, body: {error: 'The due date must be YYYY-MM-DD.', code: 'invalid_due'}};
                }
                return change(id, (t) => ({...t, due: body.time ? {date: String(body.date), time: String(body.time)} : {date: String(body.date)}}));
            case 'DELETE /due':
                return change(id, (t) => ({...t, due: undefined}));
            case 'PUT /assignees':
                return change(id, (t) => ({...t, assignees: (body.user_ids as string[]) ?? []}));
            case 'POST /complete': {
                // As the server: open checklist items refuse it unless forced.
                const todo = todos.get(id);
                const open = (todo?.items_total ?? 0) - (todo?.items_done ?? 0);
                if (todo && open > 0 && body.force !== true) {
                    const total = todo.items_total ?? 0;
                    return {status: 409, body: {
                        error: `${open} of the ${total} checklist items of #${todo.number} are still open; tick them first, or complete it anyway.`,
                        code: 'items_open',
                        params: {Number: todo.number, Open: open, Total: total},
                    }};
                }
                return change(id, (t) => ({...t, state: 'done', completed_by: me, completed_at: clock}));
            }
            case 'POST /reopen':
                return change(id, (t) => ({...t, state: 'open', completed_by: '', completed_at: 0}));
            case 'POST /move': {
                const todo = todos.get(id);
                if (!todo) {
                    break;
                }
                const rest = listOf(todo.list_id).filter((t) => t.id !== id);
                const afterId = String(body.after_id ?? '');
                const i = afterId ? rest.findIndex((t) => t.id === afterId) : -1;
                if (afterId && i < 0) {
                    return {status: 400, body: {error: 'Cannot move there.', code: 'invalid_move'}};
                }
                const before = i >= 0 ? rest[i].position : rest[0] ? rest[0].position - 1024 : 0;
                const after = rest[i + 1]?.position ?? before + 2048;
                return change(id, (t) => ({...t, position: (before + after) / 2}));
            }
            }
        }
        return {status: 404, body: {error: 'Not found.', code: 'not_found'}};
    };

    const fetchFn = async (input: string, init: RequestInit = {}): Promise<Response> => {
        const method = init.method ?? 'GET';
        const url = new URL(input, 'http://localhost');
        calls.push(`${method} ${url.pathname}${url.search}`);
        const failure = failures.findIndex((f) => f.method === method && f.path.test(url.pathname));
        if (failure >= 0) {
            const [f] = failures.splice(failure, 1);
            return response({status: f.status, body: {error: f.error, code: f.code}});
        }
        const body = typeof init.body === 'string' ? JSON.parse(init.body) as Record<string, unknown> : {};
        if (typeof init.body === 'string') {
            bodies.push({method, path: url.pathname, body});
        }
        return response(route(method, url, body));
    };

    return {
        client: new TodoClient('/api', fetchFn, '/site'),
        members,
        fetch: fetchFn,
        todos,
        versions,
        calls,
        bodies,
        listOf,
        seed: (channelId, text, extra = {}) => {
            const todo = create(`c_${channelId}`, {kind: 'channel', channel_id: channelId}, {text});
            const seeded = {...todo, ...extra};
            todos.set(todo.id, seeded);
            return seeded;
        },
        setTool: (listKey, run) => {
            tools.set(listKey, run);
        },
        failNext: (method, path, status = 500, code = 'internal_error', error = 'Something went wrong.') => {
            failures.push({method, path, status, code, error});
        },
    };
}
