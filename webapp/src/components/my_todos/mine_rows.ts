// Mine shows its todos under a heading per list. A long Mine is windowed like the channel's
// list: headings and todos are one sequence of rows, each with its own key and height, so
// only the rows near the viewport are in the page, headings included.
import type {ChannelLabel} from '../../selectors';
import type {Todo} from '../../types/todo';

export type Group = {key: string; label?: ChannelLabel; personal: boolean; todos: Todo[]};

/** A row of Mine: a list's heading, or one of its todos. */
export type MineRow =
    | {kind: 'heading'; key: string; group: Group}
    | {kind: 'todo'; key: string; group: Group; todo: Todo};

/** A heading's row key; todo rows are keyed by the todo's id, which has no colon. */
export const headingKey = (group: Group) => `heading:${group.key}`;

function groupOf(todo: Todo, key: string, labels: Record<string, ChannelLabel>): Group {
    return {
        key,
        personal: todo.scope.kind === 'personal',
        label: todo.scope.kind === 'channel' ? labels[todo.scope.channel_id] : undefined,
        todos: [],
    };
}

/**
 * In Mine's own order, one group per list, personal first, then channels by name. Sorted by
 * priority or due date, the server's order across lists is the point: the todos stay in it,
 * and each run of todos from one list gets its heading.
 */
export function groupByList(todos: Todo[], labels: Record<string, ChannelLabel>, sorted: boolean): Group[] {
    if (sorted) {
        const runs: Group[] = [];
        for (const todo of todos) {
            let run = runs.at(-1);
            if (!run || run.todos[0].list_id !== todo.list_id) {
                run = groupOf(todo, `${todo.list_id}-${runs.length}`, labels);
                runs.push(run);
            }
            run.todos.push(todo);
        }
        return runs;
    }
    const groups = new Map<string, Group>();
    for (const todo of todos) {
        const group = groups.get(todo.list_id) ?? groupOf(todo, todo.list_id, labels);
        group.todos.push(todo);
        groups.set(todo.list_id, group);
    }

    // Personal first, then channels by name.
    return [...groups.values()].sort((a, b) => {
        if (a.personal !== b.personal) {
            return a.personal ? -1 : 1;
        }
        return (a.label?.name ?? '').localeCompare(b.label?.name ?? '');
    });
}

/** The groups as one sequence: each group's heading, then its todos. */
export function flatten(groups: Group[]): MineRow[] {
    const rows: MineRow[] = [];
    for (const group of groups) {
        rows.push({kind: 'heading', key: headingKey(group), group});
        for (const todo of group.todos) {
            rows.push({kind: 'todo', key: todo.id, group, todo});
        }
    }
    return rows;
}

/** A window of rows, cut into runs of one group each: a run is drawn as one section. */
export function runsOf(rows: MineRow[]): Array<{group: Group; heading: boolean; todos: Todo[]}> {
    const runs: Array<{group: Group; heading: boolean; todos: Todo[]}> = [];
    for (const row of rows) {
        let run = runs.at(-1);
        if (!run || run.group !== row.group) {
            run = {group: row.group, heading: false, todos: []};
            runs.push(run);
        }
        if (row.kind === 'heading') {
            run.heading = true;
        } else {
            run.todos.push(row.todo);
        }
    }
    return runs;
}
