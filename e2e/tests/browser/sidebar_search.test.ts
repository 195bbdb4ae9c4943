// The sidebar's search box in the host page against the real server: user1 finds their own
// todos and those of a channel they are in, a page at a time, and never the todo of a private
// channel they are not in.
import crypto from 'node:crypto';

import type {Locator} from 'playwright-core';

import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadStack} from '../../harness/stack';
import type {Stack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';

import {openSidebarOn} from './browser';
import type {Session} from './browser';

let stack: Stack;
let session: Session;
let rhs: Locator;

beforeAll(async () => {
    stack = loadStack();
    ({session, rhs} = await openSidebarOn(stack.channels.public));
});

afterAll(async () => {
    await session?.close();
});

test('the search box finds what user1 may read, a page at a time', async () => {
    const admin = clientFor(stack.admin);
    const secret = await createScratchChannel(admin, stack.team.id, 'P', [stack.user2.id], 'search-box');
    const word = `Quill${crypto.randomBytes(4).toString('hex')}`;
    const user1 = TodoApi.as(stack.user1, stack.siteURL);
    const user2 = TodoApi.as(stack.user2, stack.siteURL);
    for (let i = 1; i <= 20; i++) {
        await user1.addPersonal({text: `${word} note ${i}`});
    }
    const shared = await user2.addToChannel(stack.channels.public.id, {text: `${word} in the public channel`});
    const hidden = await user2.addToChannel(secret.id, {text: `${word} in a channel user1 is not in`});

    const box = rhs.getByRole('searchbox', {name: 'Search todos'});
    await box.fill(word.toLowerCase());
    await box.press('Enter');
    const results = rhs.getByRole('region', {name: 'Search results'});
    await results.getByRole('status').filter({hasText: `20 todos match “${word.toLowerCase()}”, and more.`}).waitFor();
    const channel = await clientFor(stack.user1).getChannel(stack.channels.public.id);
    const sharedItem = results.getByRole('listitem').filter({hasText: shared.text});
    expect(await sharedItem.innerText()).toContain(`#${shared.number} in ${channel.display_name}`);

    await results.getByRole('button', {name: 'More results'}).click();
    await results.getByRole('status').filter({hasText: `21 todos match “${word.toLowerCase()}”.`}).waitFor();
    const texts = await results.getByRole('listitem').allInnerTexts();
    expect(texts).toHaveLength(21);
    expect(texts.filter((t) => t.startsWith(`${word} note `))).toHaveLength(20);
    expect(texts.some((t) => t.includes(hidden.text))).toBe(false);
    expect(await results.getByRole('button', {name: 'More results'}).count()).toBe(0);

    await rhs.getByRole('button', {name: 'Clear'}).click();
    await results.waitFor({state: 'detached'});
    expect(await box.inputValue()).toBe('');
});
