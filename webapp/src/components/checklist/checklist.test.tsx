import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {TodoClient} from '../../client';
import {makeTodo} from '../../test/fixtures';
import {renderWithProviders} from '../../test/render_with_providers';
import type {ChecklistItem, Todo} from '../../types/todo';
import TodoItem from '../todo_item';

import Checklist from './checklist';

/** An answer of fetch with a JSON body (jsdom has no Response). */
function reply(status: number, body: unknown): Response {
    const text = JSON.stringify(body);
    return {status, ok: status >= 200 && status < 300, statusText: '', text: async () => text} as unknown as Response;
}

/** A server that keeps one todo's checklist, as the REST API does (docs/API.md). */
function fakeServer(todo: Todo, texts: string[]) {
    let items: ChecklistItem[] = texts.map((text, i) => ({id: `item${i}`, todo_id: todo.id, position: i + 1, text, done: false, creator_id: 'u', created_at: 1, updated_at: 1}));
    let nextId = texts.length;
    const calls: string[] = [];
    let refuse: {status: number; code: string; error: string} | null = null;
    const answer = () => {
        items = items.map((it, i) => ({...it, position: i + 1}));
        const done = items.filter((it) => it.done).length;
        return {todo: {...todo, items_total: items.length, items_done: done}, items, version: 1};
    };
    const fetchFn = async (url: string, init?: RequestInit) => {
        const path = url.replace(/^.*\/api\/v1/, '');
        const method = init?.method ?? 'GET';
        calls.push(`${method} ${path}`);
        if (refuse) {
            const r = refuse;
            refuse = null;
            return reply(r.status, {error: r.error, code: r.code});
        }
        const body = init?.body ? JSON.parse(String(init.body)) : {};
        const m = path.match(/\/items\/([^/]+)/);
        const i = m ? items.findIndex((it) => it.id === m[1]) : -1;
        if (method === 'POST' && path.endsWith('/items')) {
            items.push({id: `item${nextId++}`, todo_id: todo.id, position: 0, text: body.text, done: false, creator_id: 'u', created_at: 1, updated_at: 1});
        } else if (method === 'PATCH') {
            items[i] = {...items[i], ...body};
        } else if (method === 'DELETE') {
            items.splice(i, 1);
        } else if (path.endsWith('/move')) {
            const [moved] = items.splice(i, 1);
            items.splice(body.position - 1, 0, moved);
        }
        return reply(method === 'POST' && path.endsWith('/items') ? 201 : 200, answer());
    };
    return {
        client: new TodoClient('/plugins/channel-todo/api/v1', fetchFn),
        calls,
        texts: () => items.map((it) => `${it.done ? 'x' : ' '}${it.text}`),
        refuseNext: (status: number, code: string, error: string) => {
            refuse = {status, code, error};
        },
    };
}

describe('Checklist', () => {
    const todo = makeTodo({id: 'todo1', number: 3, text: 'Pack', items_total: 2, items_done: 0});

    it('ticks, adds, moves and removes items, telling the row its new counts', async () => {
        const server = fakeServer(todo, ['Socks', 'Shirt']);
        const changed = jest.fn();
        renderWithProviders(
            <Checklist
                todo={todo}
                client={server.client}
                onChanged={changed}
            />,
        );
        await userEvent.click(await screen.findByRole('checkbox', {name: 'Item 2 of #3: Shirt'}));
        await waitFor(() => expect(screen.getByRole('checkbox', {name: 'Item 2 of #3: Shirt'})).toBeChecked());
        expect(changed).toHaveBeenLastCalledWith(expect.objectContaining({items_done: 1, items_total: 2}));

        await userEvent.type(screen.getByRole('textbox', {name: 'New item for #3'}), 'Hat{Enter}');
        await screen.findByRole('checkbox', {name: 'Item 3 of #3: Hat'});
        expect(screen.getByRole('textbox', {name: 'New item for #3'})).toHaveValue('');

        await userEvent.click(screen.getByRole('button', {name: 'Move item 3 up'}));
        await screen.findByRole('checkbox', {name: 'Item 2 of #3: Hat'});
        await userEvent.click(screen.getByRole('button', {name: 'Remove item 1'}));
        await waitFor(() => expect(server.texts()).toEqual([' Hat', 'xShirt']));
        expect(screen.queryByRole('checkbox', {name: /Socks/})).toBeNull();
        expect(screen.getByRole('button', {name: 'Move item 1 down'})).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Move item 1 up'})).toBeNull();
    });

    it('says why a change was refused and keeps what it shows', async () => {
        const server = fakeServer(todo, ['Socks']);
        renderWithProviders(
            <Checklist
                todo={todo}
                client={server.client}
            />,
        );
        const box = await screen.findByRole('checkbox', {name: 'Item 1 of #3: Socks'});
        server.refuseNext(403, 'forbidden', 'You cannot post in this channel.');
        await userEvent.click(box);
        expect(await screen.findByRole('alert')).toHaveTextContent('You cannot post in this channel.');
        expect(screen.getByRole('checkbox', {name: 'Item 1 of #3: Socks'})).not.toBeChecked();
    });

    it('reads the checklist again when the todo changes elsewhere', async () => {
        const server = fakeServer(todo, ['Socks']);
        const {rerender} = renderWithProviders(
            <Checklist
                todo={todo}
                client={server.client}
            />,
        );
        await screen.findByRole('checkbox', {name: 'Item 1 of #3: Socks'});
        rerender(
            <Checklist
                todo={{...todo, updated_at: 99}}
                client={server.client}
            />,
        );
        await waitFor(() => expect(server.calls.filter((c) => c === 'GET /todos/todo1/items')).toHaveLength(2));
    });
});

describe('a todo with a checklist', () => {
    function renderRow(todo: Todo, onToggle: jest.Mock, client?: TodoClient) {
        const later = jest.fn(() => Promise.resolve());
        renderWithProviders(
            <TodoItem
                todo={todo}
                canMoveUp={false}
                canMoveDown={false}
                onToggle={onToggle}
                onEdit={later}
                onDelete={jest.fn()}
                onMove={jest.fn()}
                onSetDue={later}
                members={null}
                loadMembers={later}
                client={client}
            />,
        );
    }

    it('shows its progress and opens the checklist from it', async () => {
        const todo = makeTodo({id: 'todo1', number: 3, items_total: 5, items_done: 2});
        const server = fakeServer(todo, ['a', 'b', 'c', 'd', 'e']);
        renderRow(todo, jest.fn(), server.client);
        const progress = screen.getByRole('button', {name: 'Checklist of #3: 2 of 5 done'});
        expect(progress).toHaveTextContent('2/5');
        expect(progress).toHaveAttribute('aria-expanded', 'false');
        await userEvent.click(progress);
        expect(progress).toHaveAttribute('aria-expanded', 'true');
        const list = await screen.findByRole('group', {name: 'Checklist of #3'});
        expect(await within(list).findAllByRole('checkbox')).toHaveLength(5);
    });

    it('asks before completing it while items are open, and completes it anyway when told', async () => {
        const todo = makeTodo({id: 'todo1', number: 3, items_total: 5, items_done: 2});
        const onToggle = jest.fn();
        renderRow(todo, onToggle);
        await userEvent.click(screen.getByRole('checkbox', {name: 'Done: #3'}));
        expect(onToggle).not.toHaveBeenCalled();
        expect(screen.getByRole('alert')).toHaveTextContent('3 of 5 checklist items are still open.');

        await userEvent.click(screen.getByRole('button', {name: 'Cancel'}));
        expect(onToggle).not.toHaveBeenCalled();
        await userEvent.click(screen.getByRole('checkbox', {name: 'Done: #3'}));
        await userEvent.click(screen.getByRole('button', {name: 'Complete anyway'}));
        expect(onToggle).toHaveBeenCalledWith(todo, true);
    });

    it('completes a todo without open items at once', async () => {
        const todo = makeTodo({id: 'todo1', number: 3, items_total: 2, items_done: 2});
        const onToggle = jest.fn();
        renderRow(todo, onToggle);
        expect(screen.getByRole('button', {name: 'Checklist of #3: 2 of 2 done'})).toBeInTheDocument();
        await userEvent.click(screen.getByRole('checkbox', {name: 'Done: #3'}));
        expect(onToggle).toHaveBeenCalledWith(todo);
    });
});
