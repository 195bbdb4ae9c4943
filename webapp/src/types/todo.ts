// The plugin's REST and WebSocket payloads, as documented in docs/API.md.

export type TodoScope =
    | {kind: 'channel'; channel_id: string}
    | {kind: 'personal'; user_id: string};

/**
 * A calendar date (YYYY-MM-DD) and an optional wall-clock time (HH:MM). A time carries the IANA
 * zone it was given in (the setter's, filled in by the server when none is sent).
 */
export type Due = {
    date: string;
    time?: string;
    zone?: string;
};

export type TodoState = 'open' | 'done';

/** How urgent a todo is; `none` unless someone set it. */
export type Priority = 'none' | 'low' | 'medium' | 'high';

/** The orders a list can be read in (`position` is the list's own). */
export type TodoSort = 'position' | 'priority' | 'due';

export type Todo = {
    id: string;
    list_id: string;
    scope: TodoScope;
    number: number;
    text: string;
    state: TodoState;
    position: number;
    creator_id: string;
    created_at: number;
    updated_at: number;
    completed_by?: string;
    completed_at?: number;
    assignees?: string[];
    due?: Due;

    /** Absent from servers older than priorities; read as `none`. */
    priority?: Priority;

    /** How it repeats: day, week, month or a weekday (`monday`); absent for never. */
    recur?: string;

    /** The todo its completion added, once it recurred. */
    next_id?: string;
    post_id?: string;
    root_id?: string;

    /** Replies in its thread, on list pages only (absent for none). */
    reply_count?: number;

    /** Its checklist's items, and how many of them are ticked (absent for none). */
    items_total?: number;
    items_done?: number;
    deleted_at?: number;
    deleted_by?: string;
};

/** One step of a todo's checklist; position is its place, 1 to n. */
export type ChecklistItem = {
    id: string;
    todo_id: string;
    position: number;
    text: string;
    done: boolean;
    done_by?: string;
    done_at?: number;
    creator_id: string;
    created_at: number;
    updated_at: number;
};

/** A todo with its checklist, as every checklist route answers. */
export type Checklist = {
    todo: Todo;
    items: ChecklistItem[];
    version: number;
};

export type TodoPage = {
    todos: Todo[];
    next_cursor?: string;
    version: number;
};

export type NewTodo = {
    text: string;
    assignees?: string[];
    due?: Due;
    priority?: Priority;
    recur?: string;

    /** Read `text` as one line of the chat grammar: `Ship it @ann due friday !high`. */
    parse?: boolean;
    post_id?: string;
    root_id?: string;
};

export type TodoAction = 'added' | 'updated' | 'completed' | 'reopened' | 'deleted' | 'restored' | 'moved';

/** Data of the custom_channel-todo_todo_changed WebSocket event, with `todo` decoded. */
export type TodoChangedEvent = {
    action: TodoAction;
    list_id: string;
    channel_id: string;
    user_id: string;
    version: number;
    todo_id: string;
    todo?: Todo;
};

export function channelListId(channelId: string): string {
    return `c_${channelId}`;
}

export function personalListId(userId: string): string {
    return `u_${userId}`;
}

/** One todo as the command-line tool listed it (docs/BRIDGE.md). */
export type ToolItem = {

    /** What a person types to name it (`done 3`). */
    id: string;

    /** Stable inside the tool (a line number, a uuid). */
    key: string;
    text: string;
    done: boolean;
};

export type ToolVerb = 'add' | 'done' | 'delete' | 'list';

/** The answer of the tool routes: always 200 when the request itself was fine. */
export type ToolResult = {

    /** The built-in list's first page, when asked for and the built-in store keeps the list. */
    page?: TodoPage;

    /** False: the built-in store keeps this list, and nothing ran. */
    active: boolean;
    preset?: string;
    verb?: ToolVerb;
    ok: boolean;

    /** Why it failed (`tool_failed`, `timeout`, `missing_executable`, ...). */
    kind?: string;
    text: string;
    truncated?: boolean;

    /** The tool's list could be read as items; otherwise show `text`. */
    parsed: boolean;
    items: ToolItem[];

    /** The answer the bot would post in a thread. */
    reply?: string;

    /** What the tool said when `reply` leaves it out (it names server paths): system admins only. */
    detail?: string;

    /**
     * Whether the edit policy lets me delete from this list (the tool records no
     * creators, so under "creator and channel admins" only channel admins may).
     */
    can_delete?: boolean;
};

/** The server's `tool_changed` event: a command changed a list the tool keeps. */
/** A reply was posted in, or deleted from, a todo's thread: it has `reply_count` replies now. */
export type RepliesChangedEvent = {
    list_id: string;
    channel_id: string;
    user_id: string;
    todo_id: string;
    reply_count: number;
};

export type ToolChangedEvent = {
    list_id: string;
    channel_id: string;
    user_id: string;
    verb: ToolVerb;
};

/** Whose list a tool view shows. */
export type ToolScope = {kind: 'channel'; channelId: string} | {kind: 'personal'};

/** The acting user's own settings (`GET /users/me/settings`), the same as `/todo settings`. */
export type UserSettings = {

    /** The daily digest's local time, "HH:MM", or "" when it is off. */
    digest_time: string;
    notify_completion: boolean;

    /** Whether the admin allows daily digests (read-only). */
    digests_allowed: boolean;
};

/** A change to the settings (`PUT /users/me/settings`): fields left out stay as they are. */
export type SettingsChange = {
    digest_time?: string;
    notify_completion?: boolean;
};
