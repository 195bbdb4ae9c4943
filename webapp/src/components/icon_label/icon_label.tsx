import React from 'react';

/**
 * Icons of Mattermost's icon font (compass-icons), as the web client names their
 * classes. Only the font's own names go here, so a glyph is never guessed.
 */
export type IconName =
    | 'pencil-outline'
    | 'trash-can-outline'
    | 'check'
    | 'close'
    | 'account-plus-outline'
    | 'calendar-outline'
    | 'flag-outline'
    | 'arrow-up'
    | 'arrow-down'
    | 'refresh'
    | 'message-text-outline'
    | 'playlist-check';

type Props = {
    icon: IconName;

    /** The words: the accessible name always, and the visible label without the font. */
    label: React.ReactNode;

    /** Whether the host's icon font is there; read from the page when omitted. */
    fontLoaded?: boolean;
};

const hidden = {
    position: 'absolute',
    width: '1px',
    height: '1px',
    padding: 0,
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: 0,
} as const;

const iconFontFamily = 'compass-icons';

/**
 * Whether the page has Mattermost's icon font. The web client declares it with
 * @font-face, so it is among document.fonts; a page without it (the test host, an
 * embedding) gets words instead of empty boxes. (document.fonts.check() cannot tell:
 * it answers true for a family nobody declared.)
 */
export function hasIconFont(doc: Document = document): boolean {
    const fonts = (doc as {fonts?: Iterable<FontFace> & {size?: number}}).fonts;
    if (!fonts || typeof (fonts as {[Symbol.iterator]?: unknown})[Symbol.iterator] !== 'function') {
        return false;
    }

    // Every icon of every row asks: the answer is kept while the page's set of fonts keeps
    // its size (a font added or removed asks again).
    const size = fonts.size;
    const known = lastAnswer.get(fonts);
    if (known && size !== undefined && known.size === size) {
        return known.found;
    }
    let found = false;
    for (const face of fonts) {
        if (face.family.replace(/["']/g, '').trim() === iconFontFamily) {
            found = true;
            break;
        }
    }
    if (size !== undefined) {
        lastAnswer.set(fonts, {size, found});
    }
    return found;
}

const lastAnswer = new WeakMap<object, {size: number; found: boolean}>();

/** A button's content: the icon with its words for screen readers, or just the words. */
export default function IconLabel({icon, label, fontLoaded = hasIconFont()}: Props) {
    if (!fontLoaded) {
        return <>{label}</>;
    }
    return (
        <>
            <i
                className={`icon icon-${icon}`}
                aria-hidden='true'

                // Without words on screen, the pointer still gets them as a tooltip.
                title={typeof label === 'string' ? label : undefined}
            />
            <span style={hidden}>{label}</span>
        </>
    );
}
