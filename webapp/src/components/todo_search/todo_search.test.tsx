import {screen, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';

import {TodoClient} from '../../client';
import {makeChannel, makeEntities, makeTestStore, renderWithProviders} from '../../test/render_with_providers';
import type {Todo, TodoPage} from '../../types/todo';

import TodoSearch from './index';

const dev = makeChannel({id: 'dev', display_name: 'Developers', name: 'developers', team_id: 'team1'});

function todo(id: string, text: string, extra: Partial<Todo> = {}): Todo {
    return {
        id, text, list_id: 'c_dev', scope: {kind: 'channel', channel_id: 'dev'}, number: 1, state: 'open', position: 1024,
        creator_id: 'user1', created_at: 1, updated_at: 1, assignees: [], ...extra,
    } as Todo;
}

/** An answer as fetch gives it (jsdom has no Response). */
function answer(status: number, body: unknown): Response {
    const text = JSON.stringify(body);
    return {ok: status < 300, status, statusText: String(status), text: async () => text, json: async () => JSON.parse(text)} as unknown as Response;
}

/** A client whose GET /search answers from pages, keyed by "q|cursor". */
function searchClient(pages: Record<string, TodoPage>, asked: string[]): TodoClient {
    return new TodoClient('/api', async (input) => {
        const url = new URL(input, 'http://host');
        const key = `${url.searchParams.get('q')}|${url.searchParams.get('cursor') ?? ''}`;
        asked.push(`${url.pathname} ${key}`);
        const page = pages[key] ?? {todos: [], version: 0};
        return answer(200, page);
    });
}

describe('TodoSearch', () => {
    it('shows the todos that match, where each is, and pages through the rest', async () => {
        const asked: string[] = [];
        const client = searchClient({
            'milk|': {todos: [todo('a', 'Oat milk', {number: 3}), todo('b', 'Buy milk', {list_id: 'u_user1', scope: {kind: 'personal', user_id: 'user1'}, number: 1, state: 'done'})], next_cursor: 'n1', version: 0},
            'milk|n1': {todos: [todo('c', 'Milkshake', {number: 7})], version: 0},
        }, asked);
        renderWithProviders(<TodoSearch client={client}/>, {store: makeTestStore(makeEntities([dev], 'dev'))});
        const user = userEvent.setup();

        await user.type(screen.getByRole('searchbox', {name: 'Search todos'}), 'milk{Enter}');
        const results = await screen.findByRole('region', {name: 'Search results'});
        expect(within(results).getByRole('status')).toHaveTextContent('2 todos match “milk”, and more.');
        const items = within(results).getAllByRole('listitem');
        expect(items.map((li) => li.textContent)).toEqual(['Oat milk#3 in Developers', 'Buy milk#1 in Personal list, done']);
        expect(asked).toEqual(['/api/search milk|']);

        await user.click(within(results).getByRole('button', {name: 'More results'}));
        expect(await within(results).findByText('Milkshake')).toBeInTheDocument();
        expect(within(results).getByRole('status')).toHaveTextContent('3 todos match “milk”.');
        expect(within(results).queryByRole('button', {name: 'More results'})).not.toBeInTheDocument();

        await user.click(screen.getByRole('button', {name: 'Clear'}));
        expect(screen.queryByRole('region', {name: 'Search results'})).not.toBeInTheDocument();
        expect(screen.getByRole('searchbox', {name: 'Search todos'})).toHaveValue('');
    });

    it('says when nothing matches, and shows the server\'s refusal', async () => {
        const asked: string[] = [];
        const client = searchClient({}, asked);
        renderWithProviders(<TodoSearch client={client}/>, {store: makeTestStore(makeEntities([dev], 'dev'))});
        const user = userEvent.setup();
        await user.type(screen.getByRole('searchbox', {name: 'Search todos'}), 'nothing{Enter}');
        expect(await screen.findByRole('status')).toHaveTextContent('No todos match “nothing”.');

        const refusing = new TodoClient('/api', async () => answer(400, {error: 'Type at least one word to search for.', code: 'invalid_search'}));
        renderWithProviders(<TodoSearch client={refusing}/>, {store: makeTestStore(makeEntities([dev], 'dev'))});
        await user.type(screen.getAllByRole('searchbox', {name: 'Search todos'})[1], '!!!{Enter}');
        expect(await screen.findByText('Type at least one word to search for.')).toBeInTheDocument();
    });
});
