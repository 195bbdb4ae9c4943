import {render, screen} from '@testing-library/react';
import React from 'react';

import IconLabel, {hasIconFont} from './icon_label';

function pageWithFonts(families: string[] | undefined): Document {
    return {fonts: families && new Set(families.map((family) => ({family}) as FontFace))} as unknown as Document;
}

describe('hasIconFont', () => {
    it.each([
        {name: 'the web client\'s icon font', families: ['Open Sans', 'compass-icons'], want: true},
        {name: 'the font declared with quotes', families: ['"compass-icons"'], want: true},
        {name: 'other fonts only', families: ['Open Sans', 'Metropolis'], want: false},
        {name: 'no fonts declared', families: [], want: false},
        {name: 'no font API', families: undefined, want: false},
    ])('$name: $want', ({families, want}) => {
        expect(hasIconFont(pageWithFonts(families))).toBe(want);
    });

    it('reads the fonts once while they stay the same, and again when one is added or removed', () => {
        const faces = new Set([{family: 'Open Sans'} as FontFace]);
        let reads = 0;
        const fonts = {
            get size() {
                return faces.size;
            },
            [Symbol.iterator]: () => {
                reads++;
                return faces[Symbol.iterator]();
            },
        };
        const page = {fonts} as unknown as Document;

        expect(hasIconFont(page)).toBe(false);
        expect(hasIconFont(page)).toBe(false);
        expect(reads).toBe(1);

        const icons = {family: 'compass-icons'} as FontFace;
        faces.add(icons);
        expect(hasIconFont(page)).toBe(true);
        expect(hasIconFont(page)).toBe(true);
        expect(reads).toBe(2);

        faces.delete(icons);
        expect(hasIconFont(page)).toBe(false);
    });
});

describe('IconLabel', () => {
    it('shows the font\'s icon, named for screen readers, when the font is there', () => {
        render(
            <button type='button'>
                <IconLabel
                    icon='trash-can-outline'
                    label='Delete'
                    fontLoaded={true}
                />
            </button>,
        );
        const button = screen.getByRole('button', {name: 'Delete'});
        const icon = button.querySelector('i');
        expect(icon).toHaveClass('icon', 'icon-trash-can-outline');
        expect(icon).toHaveAttribute('aria-hidden', 'true');
    });

    it('shows the words where the font is absent', () => {
        render(
            <button type='button'>
                <IconLabel
                    icon='pencil-outline'
                    label='Edit'
                    fontLoaded={false}
                />
            </button>,
        );
        const button = screen.getByRole('button', {name: 'Edit'});
        expect(button.querySelector('i')).toBeNull();
        expect(button).toHaveTextContent('Edit');
    });
});
