import {listChanged, reconnected} from './actions';
import reducer, {initialState} from './reducer';
import type {PluginState} from './reducer';

describe('reducer', () => {
    it.each<{name: string; state: PluginState; action: ReturnType<typeof listChanged> | ReturnType<typeof reconnected>; want: PluginState}>([
        {
            name: 'records the first version of a list',
            state: initialState,
            action: listChanged('a', 1),
            want: {listVersions: {a: 1}, reconnects: 0},
        },
        {
            name: 'moves a list to a newer version',
            state: {listVersions: {a: 1, b: 7}, reconnects: 0},
            action: listChanged('a', 4),
            want: {listVersions: {a: 4, b: 7}, reconnects: 0},
        },
        {
            name: 'drops an event older than the version seen',
            state: {listVersions: {a: 4}, reconnects: 0},
            action: listChanged('a', 3),
            want: {listVersions: {a: 4}, reconnects: 0},
        },
        {
            name: 'drops a repeated event',
            state: {listVersions: {a: 4}, reconnects: 0},
            action: listChanged('a', 4),
            want: {listVersions: {a: 4}, reconnects: 0},
        },
        {
            name: 'counts reconnects',
            state: {listVersions: {a: 4}, reconnects: 2},
            action: reconnected(),
            want: {listVersions: {a: 4}, reconnects: 3},
        },
    ])('$name', ({state, action, want}) => {
        const before = JSON.stringify(state);
        expect(reducer(state, action)).toEqual(want);
        expect(JSON.stringify(state)).toBe(before);
    });

    it('ignores the host\'s actions and keeps the same state object', () => {
        const state: PluginState = {listVersions: {a: 1}, reconnects: 0};
        expect(reducer(state, {type: 'RECEIVED_POSTS'})).toBe(state);
    });

    it('starts empty', () => {
        expect(reducer(undefined, {type: '@@INIT'})).toEqual(initialState);
    });
});
