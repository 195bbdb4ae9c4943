// jsdom lays nothing out. For tests of a windowed list this gives the page a viewport and
// a scroll position, as a browser would: the document scrolls, and lists move up by what
// was scrolled.
import {act} from '@testing-library/react';

export type Layout = {

    /** Scrolls the page to `top` (px) and tells listeners, as the browser does. */
    scrollTo(top: number): Promise<void>;
    restore(): void;
};

export type LayoutOptions = {
    viewport: number;
    contentHeight: number;

    /** Where the windowed list starts in the page (px). */
    listTop?: number;

    /** Which elements are the windowed list (the channel's list is a ul). */
    list?: string;
};

export function fakeLayout({viewport, contentHeight, listTop = 100, list = 'ul'}: LayoutOptions): Layout {
    const root = document.documentElement;
    let scrollTop = 0;
    const props: Array<[string, PropertyDescriptor]> = [
        ['clientHeight', {get: () => viewport}],
        ['scrollHeight', {get: () => contentHeight}],
        ['scrollTop', {get: () => scrollTop, set: (v: number) => {
            scrollTop = v;
        }}],
    ];
    for (const [name, descriptor] of props) {
        Object.defineProperty(root, name, {configurable: true, ...descriptor});
    }
    const rect = jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
        const top = this.matches(list) ? listTop - scrollTop : 0;
        return {top, bottom: top, left: 0, right: 0, width: 0, height: 0, x: 0, y: top, toJSON: () => ({})} as DOMRect;
    });
    return {
        async scrollTo(top: number) {
            scrollTop = top;
            await act(async () => {
                window.dispatchEvent(new Event('scroll'));
                await new Promise((resolve) => requestAnimationFrame(resolve));
            });
        },
        restore() {
            rect.mockRestore();
            for (const [name] of props) {
                delete (root as unknown as Record<string, unknown>)[name];
            }
        },
    };
}
