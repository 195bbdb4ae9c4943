import {render, screen} from '@testing-library/react';
import React from 'react';

import TodoText from './todo_text';

type Options = Record<string, unknown>;

// A stand-in for the web client's window.PostUtils: bold and inline code only, which is enough
// to see that the sidebar hands the text to the host's Markdown renderer and shows its HTML.
const postUtils = {
    formatText: jest.fn((text: string, _options?: Options) => text.
        replace(/&/g, '&amp;').replace(/</g, '&lt;').
        replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').
        replace(/`(.+?)`/g, '<code>$1</code>')),
    messageHtmlToComponent: jest.fn((html: string, _options?: Options) => (
        <span
            data-testid='host-html'
            dangerouslySetInnerHTML={{__html: html}}
        />
    )),
};

afterEach(() => {
    delete (window as {PostUtils?: unknown}).PostUtils;
    jest.clearAllMocks();
});

describe('TodoText', () => {
    test('renders the text as Markdown with the host\'s PostUtils, mentions highlighted', async () => {
        (window as {PostUtils?: unknown}).PostUtils = postUtils;
        render(<TodoText text={'Ship **the release** with `make dist` <script>x</script>'}/>);

        // Formatting waits for an idle moment (the first rows must not wait for Markdown), so
        // the HTML arrives after the first render.
        expect((await screen.findByText('the release')).tagName).toBe('STRONG');
        expect(screen.getByText('make dist').tagName).toBe('CODE');
        expect(document.querySelector('script')).toBeNull();
        expect(postUtils.formatText).toHaveBeenCalledWith('Ship **the release** with `make dist` <script>x</script>',
            {mentionHighlight: true, atMentions: true, singleline: false});
        expect(postUtils.messageHtmlToComponent).toHaveBeenCalledWith(postUtils.formatText.mock.results[0].value, {mentionHighlight: true});
    });

    test('shows the plain text, never HTML, where the host has no PostUtils', () => {
        const {container} = render(<TodoText text={'**bold** <b>not bold</b>'}/>);

        expect(container.textContent).toBe('**bold** <b>not bold</b>');
        expect(container.querySelector('b, strong')).toBeNull();
    });
});
