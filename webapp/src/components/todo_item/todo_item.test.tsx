import {isOverdue} from './todo_item';

describe('isOverdue', () => {
    // 2026-11-25 14:30 local time.
    const now = new Date(2026, 10, 25, 14, 30);

    it.each([
        {name: 'no due date', due: undefined, want: false},
        {name: 'yesterday', due: {date: '2026-11-24'}, want: true},
        {name: 'tomorrow', due: {date: '2026-11-26'}, want: false},
        {name: 'today without a time', due: {date: '2026-11-25'}, want: false},
        {name: 'today, earlier', due: {date: '2026-11-25', time: '14:29'}, want: true},
        {name: 'today, this minute', due: {date: '2026-11-25', time: '14:30'}, want: false},
        {name: 'today, later', due: {date: '2026-11-25', time: '18:00'}, want: false},
        {name: 'last year, later in the day', due: {date: '2025-12-31', time: '23:59'}, want: true},
    ])('$name: $want', ({due, want}) => {
        expect(isOverdue(due, now)).toBe(want);
    });
});
