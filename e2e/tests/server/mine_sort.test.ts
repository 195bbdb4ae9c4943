// Issue 15: "mine" sorts and narrows as a channel's list does (the same REST parameters, the
// same /todo words), across the personal list, a channel the person is in and a public channel
// they left, on the real server, page by page with cursors.
import crypto from 'node:crypto';

import type {UserProfile} from '@mattermost/types/users';

import {createScratchChannel} from '../../harness/scratch_channel';
import {anonymousClient} from '../../harness/stack';
import type {Login} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import type {ListQuery} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {openScene} from '../../harness/scene';

const {stack, admin, chat} = openScene();

/** A person of the team whose "mine" holds only what this test gives them. */
async function freshPerson(): Promise<Login> {
    const username = `mine-${crypto.randomBytes(4).toString('hex')}`;
    const password = 'Password-1234!';
    const person = await admin.createUser({username, email: `${username}@example.com`, password} as UserProfile, '', '');
    await admin.addToTeam(stack.team.id, person.id);
    const client = anonymousClient(stack.siteURL);
    await client.login(username, password);
    return {id: person.id, username, password, token: client.getToken()};
}

test('mine takes the list\'s sort and filters, over REST and /todo mine', async () => {
    const person = await freshPerson();
    const asPerson = TodoApi.as(person, stack.siteURL);
    const asUser1 = TodoApi.as(stack.user1, stack.siteURL);
    const joined = await createScratchChannel(admin, stack.team.id, 'P', [stack.user1.id, person.id], 'mine-sort');
    const left = await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, person.id], 'mine-sort-left');
    const word = unique('ms');
    const t = {
        cHigh: `${word} channel high`,
        cShared: `${word} channel shared`,
        pLow: `${word} personal low`,
        pHigh: `${word} personal high`,
        bMedium: `${word} left medium`,
    };
    // In this order of creation.
    await asUser1.addToChannel(joined.id, {text: t.cHigh, priority: 'high', assignees: [person.id]});
    await asUser1.addToChannel(joined.id, {text: t.cShared, due: {date: '2030-01-05'}, assignees: [person.id, stack.user1.id]});
    await asPerson.addPersonal({text: t.pLow, priority: 'low', due: {date: '2030-03-01'}});
    await asPerson.addPersonal({text: t.pHigh, priority: 'high', due: {date: '2030-01-05'}});
    await asUser1.addToChannel(left.id, {text: t.bMedium, priority: 'medium', assignees: [person.id]});
    // A public channel of the team stays readable after leaving it.
    await admin.removeFromChannel(person.id, left.id);

    const walk = async (query: ListQuery): Promise<string[]> => {
        const texts: string[] = [];
        let cursor: string | undefined;
        for (;;) {
            const page = await asPerson.mine({...query, limit: 2, ...(cursor ? {cursor} : {})});
            texts.push(...page.todos.map((x) => x.text));
            if (!page.next_cursor) {
                return texts;
            }
            cursor = page.next_cursor;
        }
    };
    expect(await walk({})).toEqual([t.cHigh, t.cShared, t.pLow, t.pHigh, t.bMedium]);
    expect(await walk({sort: 'priority'})).toEqual([t.cHigh, t.pHigh, t.bMedium, t.pLow, t.cShared]);
    expect(await walk({sort: 'due'})).toEqual([t.cShared, t.pHigh, t.pLow, t.cHigh, t.bMedium]);
    expect(await walk({priority: 'high'})).toEqual([t.cHigh, t.pHigh]);
    expect(await walk({assignee: stack.user1.id, sort: 'due'})).toEqual([t.cShared]);
    expect(await walk({has_due: false, sort: 'priority'})).toEqual([t.cHigh, t.bMedium]);

    const answer = await chat.privately(person, joined, '/todo mine sort:due !high');
    expect(answer).toContain('Your todos: open, high priority · earliest due first');
    expect(answer).not.toContain(t.pLow);
    expect(answer.indexOf(t.pHigh)).toBeGreaterThan(-1);
    expect(answer.indexOf(t.cHigh)).toBeGreaterThan(answer.indexOf(t.pHigh));
});
