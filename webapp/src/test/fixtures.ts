import type {Todo, TodoChangedEvent} from '../types/todo';

let next = 1;

/** A todo of channel `c1`'s list unless overridden; ids and numbers count up. */
export function makeTodo(overrides: Partial<Todo> = {}): Todo {
    const n = next++;
    const channelId = overrides.scope?.kind === 'channel' ? overrides.scope.channel_id : 'c1';
    return {
        id: `todo${n}`,
        list_id: `c_${channelId}`,
        scope: {kind: 'channel', channel_id: channelId},
        number: n,
        text: `todo number ${n}`,
        state: 'open',
        position: n * 1024,
        creator_id: 'user1',
        created_at: 1764072000000 + n,
        updated_at: 1764072000000 + n,
        assignees: [],
        ...overrides,
    };
}

export function changeEvent(todo: Todo, version: number, action: TodoChangedEvent['action'] = 'updated'): TodoChangedEvent {
    return {
        action,
        list_id: todo.list_id,
        channel_id: todo.scope.kind === 'channel' ? todo.scope.channel_id : '',
        user_id: todo.scope.kind === 'personal' ? todo.scope.user_id : '',
        version,
        todo_id: todo.id,
        todo,
    };
}
