import {screen} from '@testing-library/react';
import React from 'react';

import {makeChannel, makeEntities, makeTestStore, renderWithProviders} from '../../test/render_with_providers';

import Sidebar from './index';

describe('Sidebar', () => {
    const town = makeChannel({id: 'town', display_name: 'Town Square'});
    const dev = makeChannel({id: 'dev', display_name: 'Developers'});

    it.each([
        {name: 'the current channel', current: 'town', heading: 'Todos in Town Square'},
        {name: 'another current channel', current: 'dev', heading: 'Todos in Developers'},
        {name: 'no channel', current: '', heading: 'Todos'},
    ])('names $name in its heading', ({current, heading}) => {
        renderWithProviders(<Sidebar/>, {store: makeTestStore(makeEntities([town, dev], current))});

        expect(screen.getByRole('heading', {level: 2})).toHaveTextContent(heading);
        expect(screen.getByRole('region', {name: heading})).toBeInTheDocument();
    });

    it('says when there is nothing to do', () => {
        renderWithProviders(<Sidebar/>, {store: makeTestStore(makeEntities([town], 'town'))});
        expect(screen.getByText('No todos yet')).toBeInTheDocument();
        expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
    });

    it('speaks Simplified Chinese for zh-CN users', () => {
        renderWithProviders(<Sidebar/>, {store: makeTestStore(makeEntities([town], 'town')), locale: 'zh-CN'});
        expect(screen.getByRole('heading', {level: 2})).toHaveTextContent('Town Square 的待办');
        expect(screen.getByText('还没有待办事项')).toBeInTheDocument();
    });
});
