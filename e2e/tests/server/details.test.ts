// Issue 15: one-line details on add, priorities, and sorted and filtered lists, through every
// chat door (slash command, mention) and REST on the real server.
import {buttonText, press, reread} from '../../harness/buttons';
import {wordJoiner} from '../../harness/chat';
import {clientFor} from '../../harness/stack';
import {TodoApi, TodoApiError} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {openScene} from '../../harness/scene';

const {stack, chat} = openScene();

/** A date in a time zone, as YYYY-MM-DD, `days` after today there. */
function dateIn(timeZone: string, days = 0): string {
    return new Intl.DateTimeFormat('en-CA', {timeZone, year: 'numeric', month: '2-digit', day: '2-digit'}).format(new Date(Date.now() + (days * 86_400_000)));
}

/** Runs fn with user1's Mattermost time zone set to zone, and puts the old one back. */
async function inZone<T>(zone: string, fn: () => Promise<T>): Promise<T> {
    const user1 = clientFor(stack.user1);
    const before = (await user1.getMe()).timezone;
    await user1.patchMe({timezone: {useAutomaticTimezone: 'false', manualTimezone: zone, automaticTimezone: ''}});
    try {
        return await fn();
    } finally {
        await user1.patchMe({timezone: before});
    }
}

describe('details on one line', () => {
    test('/todo add assigns, sets the due date in the writer\'s zone and the priority, and says what it understood', async () => {
        const channel = await chat.newChannel('details-slash');
        const text = unique('Ship the release');
        const zone = 'Asia/Tokyo';
        const {answer, around} = await inZone(zone, async () => {
            const dates = [dateIn(zone, 1)];
            const said = await chat.privately(stack.user1, channel, `/todo add ${text} @${stack.user2.username} @me due tomorrow 17:00 !high`);
            dates.push(dateIn(zone, 1));
            return {answer: said, around: dates};
        });
        expect(answer).toBe(`Added **#1** to ~${channel.name}: ${text} · @${wordJoiner}${stack.user1.username}, @${wordJoiner}${stack.user2.username} · due tomorrow 17:00 · high priority`);
        const todo = await TodoApi.as(stack.user2, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.text).toBe(text);
        expect([...(todo.assignees ?? [])].sort()).toEqual([stack.user1.id, stack.user2.id].sort());
        expect(around).toContain(todo.due?.date);
        expect(todo.due?.time).toBe('17:00');
        expect(todo.due?.zone).toBe(zone);
        expect(todo.priority).toBe('high');
    });

    test('a backslash or quotes keep the words as text', async () => {
        const channel = await chat.newChannel('details-escape');
        await chat.privately(stack.user1, channel, `/todo add Thank \\@${stack.user2.username} !low`);
        await chat.privately(stack.user1, channel, `/todo add "Meet @${stack.user2.username} due friday"`);
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const first = await api.byNumber(channel.id, 1);
        expect(first.text).toBe(`Thank @${stack.user2.username}`);
        expect(first.assignees ?? []).toEqual([]);
        expect(first.priority).toBe('low');
        const second = await api.byNumber(channel.id, 2);
        expect(second.text).toBe(`Meet @${stack.user2.username} due friday`);
        expect(second.due).toBeUndefined();
    });

    test('a name that cannot be assigned adds nothing and says how to keep the word', async () => {
        const channel = await chat.newChannel('details-unknown');
        const nobody = unique('nobody').replace(' ', '-');
        const answer = await chat.privately(stack.user1, channel, `/todo add Ask @${nobody} !high`);
        expect(answer).toBe(`Nothing was added: \`@${nobody}\` can't be assigned here (only people who can see this list can). To keep the word in the text, write \`\\@${nobody}\`.`);
        expect((await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id, {state: 'all'})).todos).toEqual([]);
    });

    test('an @todo mention reads the same line, and answers in the thread', async () => {
        const channel = await chat.newChannel('details-mention');
        const text = unique('Water the plants');
        const asked = await chat.post(stack.user1, channel, `@todo ${text} @${stack.user2.username} !!`);
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.message).toBe(`Added **#1** to ~${channel.name}: ${text} · @${wordJoiner}${stack.user2.username} · medium priority`);
        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.text).toBe(text);
        expect(todo.assignees).toEqual([stack.user2.id]);
        expect(todo.priority).toBe('medium');
    });

    test('the answer\'s card keeps what was understood when its buttons are pressed', async () => {
        const channel = await chat.newChannel('details-card');
        const asked = await chat.post(stack.user1, channel, `@todo Order the cake @${stack.user2.username} due 2030-01-04 !high`);
        const [card] = await chat.waitForReplies(asked.id, 1);
        expect(card.message).toBe(`Added **#1** to ~${channel.name}: Order the cake · @${wordJoiner}${stack.user2.username} · due 2030-01-04 · high priority`);
        expect((await press(stack.user2, card, 'done')).status).toBe(200);
        const updated = await reread(stack.user1, card.id);
        expect(updated.message).toBe(card.message);
        expect(buttonText(updated)).toBe(`~~**#1**~~ completed by @${wordJoiner}${stack.user2.username}.`);
    });

    test('REST reads the line only with "parse": true', async () => {
        const channel = await chat.newChannel('details-rest');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const line = `Book the room @${stack.user2.username} due 2030-01-04 9:30 !high`;
        const parsed = await api.addToChannel(channel.id, {text: line, parse: true});
        expect(parsed.text).toBe('Book the room');
        expect(parsed.assignees).toEqual([stack.user2.id]);
        expect(parsed.due).toMatchObject({date: '2030-01-04', time: '09:30'});
        expect(parsed.priority).toBe('high');

        const literal = await api.addToChannel(channel.id, {text: line});
        expect(literal.text).toBe(line);
        expect(literal.priority).toBe('none');

        const refused = await api.addToChannel(channel.id, {text: 'Book @no-such-person-here', parse: true}).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(TodoApiError);
        expect((refused as TodoApiError).status).toBe(400);
        expect((refused as TodoApiError).body?.code).toBe('invalid_assignee');
        expect((await api.listChannel(channel.id, {state: 'all'})).todos).toHaveLength(2);
    });
});

describe('priorities, sorting and filtering', () => {
    test('/todo priority sets it, PATCH changes it, and lists show it', async () => {
        const channel = await chat.newChannel('prio-set');
        await chat.privately(stack.user1, channel, '/todo add Fix the build');
        expect(await chat.privately(stack.user2, channel, '/todo priority 1 high')).toBe('**#1** now has high priority.');
        expect(await chat.privately(stack.user1, channel, '/todo list')).toContain('**#1** Fix the build · **high priority**');

        const api = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await api.byNumber(channel.id, 1);
        expect(todo.priority).toBe('high');
        expect((await api.patch(todo.id, {priority: 'low'})).priority).toBe('low');
        const bad = await api.request('PATCH', `/todos/${todo.id}`, {body: {priority: 'urgent'}});
        expect(bad.status).toBe(400);
        expect((bad.json as {code: string}).code).toBe('invalid_priority');
        expect((await api.get(todo.id)).priority).toBe('low');
        expect(await chat.privately(stack.user1, channel, '/todo prio 1 none')).toBe('**#1** has no priority now.');
    });

    test('/todo list sorts and narrows over several pages, and REST pages the same order by cursor', async () => {
        const channel = await chat.newChannel('prio-sort');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        // 25 todos: every third high, the rest low; every fifth assigned to user2.
        for (let n = 1; n <= 25; n++) {
            await api.addToChannel(channel.id, {
                text: `t${n}`,
                priority: n % 3 === 0 ? 'high' : 'low',
                assignees: n % 5 === 0 ? [stack.user2.id] : [],
            });
        }
        const highs = [3, 6, 9, 12, 15, 18, 21, 24];
        const lows = Array.from({length: 25}, (_, i) => i + 1).filter((n) => !highs.includes(n));
        const expected = [...highs, ...lows];

        const numbers = (text: string) => [...text.matchAll(/^- \[ \] \*\*#(\d+)\*\*/gm)].map((m) => Number(m[1]));
        const first = await chat.privately(stack.user1, channel, '/todo list sort:priority');
        expect(first).toContain(`#### Todos in ~${channel.name}: open · most urgent first`);
        expect(numbers(first)).toEqual(expected.slice(0, 20));
        const next = (/Next page: `([^`]+)`/).exec(first)?.[1];
        expect(next).toBe('/todo list open 2 sort:priority');
        const second = await chat.privately(stack.user1, channel, next ?? '');
        expect(numbers(second)).toEqual(expected.slice(20));
        expect(second).not.toContain('Next page');

        const narrowed = await chat.privately(stack.user1, channel, `/todo list !high @${stack.user2.username}`);
        expect(numbers(narrowed)).toEqual([15]);

        const pages: number[] = [];
        let cursor: string | undefined;
        let reads = 0;
        do {
            const page = await api.listChannel(channel.id, {sort: 'priority', limit: 7, cursor});
            pages.push(...page.todos.map((t) => t.number));
            cursor = page.next_cursor;
            reads++;
        } while (cursor);
        expect(reads).toBe(4);
        expect(pages).toEqual(expected);
        expect((await api.listChannelAll(channel.id, {priority: 'high', limit: 3})).todos.map((t) => t.number)).toEqual(highs);
    });
});

describe('recurring todos', () => {
    test('/todo add … every monday, done adds the next one once, and /todo recur off stops it', async () => {
        const channel = await chat.newChannel('recur-slash');
        const zone = 'Asia/Tokyo';
        await inZone(zone, async () => {
            const added = await chat.privately(stack.user1, channel, '/todo add Water the plants every monday');
            expect(added).toMatch(new RegExp(`^Added \\*\\*#1\\*\\* to ~${channel.name}: Water the plants · due \\S+ · every Monday$`));
            const api = TodoApi.as(stack.user1, stack.siteURL);
            const first = await api.byNumber(channel.id, 1);
            expect(first.recur).toBe('monday');
            expect(new Date(`${first.due?.date}T00:00:00Z`).getUTCDay()).toBe(1);

            const done = await chat.privately(stack.user2, channel, '/todo done 1');
            expect(done).toMatch(/^Completed \*\*#1\*\*: Water the plants · Next: \*\*#2\*\*, due \d{4}-\d{2}-\d{2}\.$/);
            const next = await api.byNumber(channel.id, 2);
            expect(next.recur).toBe('monday');
            expect(next.state).toBe('open');
            expect(new Date(`${next.due?.date}T00:00:00Z`).getUTCDay()).toBe(1);
            expect(next.due!.date > first.due!.date).toBe(true);

            // Reopened and completed again: no second successor.
            await chat.privately(stack.user1, channel, '/todo undo 1');
            expect(await chat.privately(stack.user1, channel, '/todo done 1')).not.toContain('Next:');
            expect((await api.listChannel(channel.id, {state: 'all'})).todos.map((t) => t.number)).toEqual([1, 2]);

            expect(await chat.privately(stack.user1, channel, '/todo recur 2 off')).toBe('**#2** no longer repeats.');
            expect(await chat.privately(stack.user1, channel, '/todo done 2')).toBe('Completed **#2**: Water the plants');
            expect((await api.listChannel(channel.id, {state: 'all'})).todos).toHaveLength(2);
        });
    });

    test('an @todo mention makes it recur, and concurrent completes over REST add one successor', async () => {
        const channel = await chat.newChannel('recur-rest');
        const asked = await chat.post(stack.user1, channel, '@todo Rotate the keys every week !high');
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.message).toMatch(/Rotate the keys · due \S+ · high priority · every week$/);
        const api1 = TodoApi.as(stack.user1, stack.siteURL);
        const api2 = TodoApi.as(stack.user2, stack.siteURL);
        const todo = await api1.byNumber(channel.id, 1);
        expect(todo.recur).toBe('week');

        const results = await Promise.all(Array.from({length: 6}, (_, i) => (i % 2 ? api2 : api1).complete(todo.id)));
        expect(results.every((t) => t.state === 'done')).toBe(true);
        const all = (await api1.listChannel(channel.id, {state: 'all'})).todos;
        expect(all.map((t) => t.number)).toEqual([1, 2]);
        expect(all[1]).toMatchObject({state: 'open', recur: 'week', priority: 'high', text: 'Rotate the keys'});

        const stopped = await api1.patch(all[1].id, {recur: ''});
        expect(stopped.recur).toBeUndefined();
        const bad = await api1.request('PATCH', `/todos/${all[1].id}`, {body: {recur: 'hourly'}});
        expect(bad.status).toBe(400);
        expect((bad.json as {code: string}).code).toBe('invalid_recur');
    });
});
