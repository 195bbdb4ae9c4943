// Mattermost's web client loads Bootstrap 3 and its own global CSS, which style legend, label,
// pre and form fields for a light page. Inside the sidebar every such element must set those
// properties itself, from the theme's variables, or a dark theme shows #333 text on black.
import {screen} from '@testing-library/react';
import React from 'react';

import AssigneePicker from './components/assignee_picker';
import DueEditor from './components/due_editor';
import Sidebar from './components/sidebar';
import ToolList from './components/tool_list';
import {declaredStyle} from './test/declared_style';
import {createFakeApi} from './test/fake_api';
import {makeChannel, makeEntities, makeTestStore, makeUser, renderWithProviders} from './test/render_with_providers';
import type {ToolResult} from './types/todo';

// What Bootstrap 3 sets on each element (its properties in camelCase), and which of them are
// colours that must come from the theme.
const bootstrap: Record<string, {props: string[]; colours: string[]}> = {
    legend: {props: ['color', 'borderBottom', 'fontSize', 'margin', 'padding', 'lineHeight', 'width'], colours: ['color']},
    label: {props: ['fontWeight', 'margin', 'maxWidth', 'display'], colours: []},
    pre: {props: ['color', 'background', 'border', 'borderRadius', 'padding', 'margin', 'fontSize', 'lineHeight', 'wordBreak'], colours: ['color', 'background']},
    'input[type=date], input[type=time], input[type=text]': {props: ['color', 'background', 'border', 'height', 'lineHeight', 'padding'], colours: ['color', 'background']},
};

function unthemed(container: HTMLElement): string[] {
    const problems: string[] = [];
    for (const [selector, {props, colours}] of Object.entries(bootstrap)) {
        container.querySelectorAll<HTMLElement>(selector).forEach((el) => {
            const style = declaredStyle(el);
            for (const prop of props) {
                if (!style[prop]) {
                    problems.push(`${el.tagName.toLowerCase()} leaves ${prop} to the page`);
                }
            }
            for (const prop of colours) {
                if (style[prop] && !style[prop].includes('var(--')) {
                    problems.push(`${el.tagName.toLowerCase()} ${prop} is not from the theme: ${style[prop]}`);
                }
            }
        });
    }
    return problems;
}

describe('elements the web client\'s global CSS styles', () => {
    it('the assignee picker sets its legend and labels from the theme', () => {
        const {container} = renderWithProviders(
            <AssigneePicker
                number={3}
                members={[makeUser({id: 'u2', username: 'bob'})]}
                selected={[]}
                onSave={() => undefined}
                onCancel={() => undefined}
            />,
        );
        expect(container.querySelector('legend')).not.toBeNull();
        expect(container.querySelector('label')).not.toBeNull();
        expect(unthemed(container)).toEqual([]);
    });

    it('the due date editor sets its date and time fields from the theme', () => {
        const {container} = renderWithProviders(
            <DueEditor
                number={3}
                onSave={() => undefined}
                onCancel={() => undefined}
            />,
        );
        expect(container.querySelectorAll('input')).toHaveLength(2);
        expect(unthemed(container)).toEqual([]);
    });

    it('the tool\'s raw output sets its code block from the theme', async () => {
        const api = createFakeApi();
        const result: ToolResult = {active: true, preset: 'todo', ok: true, text: '1 buy milk', parsed: false, items: []};
        api.setTool('c_town', () => result);
        const {container} = renderWithProviders(
            <ToolList
                scope={{kind: 'channel', channelId: 'town'}}
                initial={result}
                client={api.client}
            />,
        );
        expect(await screen.findByText('1 buy milk')).toBeInTheDocument();
        expect(container.querySelector('pre')).not.toBeNull();
        expect(unthemed(container)).toEqual([]);
    });
});

describe('the browser\'s own pickers', () => {
    it.each([
        {theme: 'dark', centerChannelBg: '#1f1f1f', scheme: 'dark'},
        {theme: 'light', centerChannelBg: '#ffffff', scheme: 'light'},
        {theme: 'dark, as rgb()', centerChannelBg: 'rgb(25, 27, 31)', scheme: 'dark'},
    ])('follow a $theme theme', async ({centerChannelBg, scheme}) => {
        const store = makeTestStore(makeEntities([makeChannel({id: 'town', display_name: 'Town Square'})], 'town'));
        renderWithProviders(
            <Sidebar
                client={createFakeApi().client}
                theme={{centerChannelBg}}
            />,
            {store},
        );
        expect(declaredStyle(screen.getByRole('region', {name: 'Todos in Town Square'})).colorScheme).toBe(scheme);
        expect(await screen.findByText('No todos yet')).toBeInTheDocument();
    });
});
