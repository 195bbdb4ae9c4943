// Reminders, notices and the digest on the real server. The harness makes the plugin's
// reminder job look every 2 seconds (CHANNEL_TODO_REMINDER_TICK), so a todo due a minute ago is
// reminded within a few ticks; tests wait for the bot's direct messages, not for a time.
import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';
import type {UserProfile} from '@mattermost/types/users';

import {botDms, justDue} from '../../harness/bot_dms';
import {buttonIds, buttonText, press, reread} from '../../harness/buttons';
import {wordJoiner} from '../../harness/chat';
import {eventually} from '../../harness/eventually';
import {PluginState} from '../../harness/plugin';
import {type Login} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {openScene} from '../../harness/scene';

const {stack, admin, chat} = openScene();

/** The bot's direct messages to login that contain text, oldest first. */
function dmsTo(login: Login, text: string): Promise<Post[]> {
    return botDms(stack, login, text);
}

/** Waits until the bot sent login exactly `count` direct messages containing text (at least, then exactly). */
async function waitForDms(login: Login, text: string, count = 1): Promise<Post[]> {
    let posts: Post[] = [];
    await eventually(async () => {
        posts = await dmsTo(login, text);
        expect(posts.length).toBeGreaterThanOrEqual(count);
    }, 30_000);
    expect(posts).toHaveLength(count);
    return posts;
}

/**
 * Waits until two todos due now, added one after the other, have been reminded: the second is
 * added after the first one's reminder arrived, so a whole round of reminders ran in between
 * and anything that round would have sent has been sent.
 */
async function settle(channel: Channel): Promise<void> {
    const api = TodoApi.as(stack.user1, stack.siteURL);
    for (let i = 0; i < 2; i++) {
        const text = unique('barrier');
        await api.addToChannel(channel.id, {text, due: justDue()});
        await waitForDms(stack.user1, text);
    }
}

describe('due reminders', () => {
    test('a due todo produces one direct message to each assignee, with Done and Snooze', async () => {
        const channel = await chat.newChannel('remind-due');
        const text = unique('Submit the report');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await api.addToChannel(channel.id, {text, assignees: [stack.user1.id, stack.user2.id], due: justDue()});

        // user2 was told of the assignment; user1 assigned themselves and was not.
        expect(await dmsTo(stack.user2, `assigned you **#1** in ~${channel.name}`)).toHaveLength(1);
        expect(await dmsTo(stack.user1, `assigned you **#1** in ~${channel.name}`)).toHaveLength(0);
        const [toUser1] = await waitForDms(stack.user1, `⏰ **#1** in ~${channel.name} is due`);
        const [toUser2] = await waitForDms(stack.user2, `⏰ **#1** in ~${channel.name} is due`);
        expect(toUser1.message).toContain(text);
        expect(buttonIds(toUser2)).toEqual(['done', 'snoozehour', 'snoozetomorrow']);

        // A restart of the plugin sends nothing again.
        await admin.disablePlugin('channel-todo');
        await admin.enablePlugin('channel-todo');
        await eventually(async () => {
            const statuses = await admin.getPluginStatuses();
            expect(statuses.find((s) => s.plugin_id === 'channel-todo')?.state).toBe(PluginState.Running);
        });
        await settle(channel);
        expect(await dmsTo(stack.user1, `⏰ **#1** in ~${channel.name}`)).toHaveLength(1);
        expect(await dmsTo(stack.user2, `⏰ **#1** in ~${channel.name}`)).toHaveLength(1);

        // Done in the direct message completes the todo as user2 and updates the message.
        expect((await press(stack.user2, toUser2, 'done')).status).toBe(200);
        const done = await api.get(todo.id);
        expect(done.state).toBe('done');
        expect(done.completed_by).toBe(stack.user2.id);
        const updated = await reread(stack.user2, toUser2.id);
        expect(buttonIds(updated)).toEqual([]);
        expect(buttonText(updated)).toBe(`~~**#1**~~ completed by @${wordJoiner}${stack.user2.username}.`);
    });

    test('Snooze 1 hour moves the due time an hour past now, in the presser\'s zone', async () => {
        const channel = await chat.newChannel('remind-snooze');
        const text = unique('Water the plants');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await api.addToChannel(channel.id, {text, due: justDue()});
        const [reminder] = await waitForDms(stack.user1, text);

        const before = Date.now();
        expect((await press(stack.user1, reminder, 'snoozehour')).status).toBe(200);
        const snoozed = await api.get(todo.id);
        expect(snoozed.due?.zone).toBe('UTC');
        const dueAt = Date.parse(`${snoozed.due?.date}T${snoozed.due?.time}:00Z`);
        expect(dueAt).toBeGreaterThan(before + 58 * 60_000);
        expect(dueAt).toBeLessThan(Date.now() + 61 * 60_000);
        expect(buttonText(await reread(stack.user1, reminder.id))).toMatch(/^Snoozed: \*\*#1\*\* is now due (today|tomorrow) \d\d:\d\d\.$/);

        // Not due yet: no second reminder.
        await settle(channel);
        expect(await dmsTo(stack.user1, text)).toHaveLength(1);
    });

    test('a todo nobody is assigned to reminds its creator; people who left the channel get nothing', async () => {
        // Private: a public channel's list stays readable to the team after leaving.
        const channel = await chat.newChannel('remind-left', 'P');
        const api = TodoApi.as(stack.user2, stack.siteURL);
        const mine = unique('Nobody assigned');
        await api.addToChannel(channel.id, {text: mine, due: justDue()});
        await waitForDms(stack.user2, mine);

        const gone = unique('Assigned then left');
        await api.addToChannel(channel.id, {text: gone, assignees: [stack.user1.id], due: {...justDue(), date: '2099-01-01'}});
        await admin.removeFromChannel(stack.user1.id, channel.id);
        await api.setDue((await api.byNumber(channel.id, 2)).id, justDue());
        const other = await chat.newChannel('remind-left-barrier');
        await settle(other);
        expect(await dmsTo(stack.user1, `${gone}`)).toHaveLength(1);
        expect((await dmsTo(stack.user1, gone))[0].message).toMatch(/assigned you \*\*#2\*\*/);
        expect(await dmsTo(stack.user1, `⏰ **#2** in ~${channel.name}`)).toHaveLength(0);
    });
});

describe('deactivated people', () => {
    test('a deactivated assignee is not reminded; the other assignees are', async () => {
        const channel = await chat.newChannel('remind-deactivated');
        const username = `remind-gone-${Date.now().toString(36)}`;
        const gone = await admin.createUser({username, email: `${username}@example.com`, password: 'Password-1234!'} as UserProfile, '', '');
        await admin.addToTeam(stack.team.id, gone.id);
        await admin.addToChannel(gone.id, channel.id);
        const text = unique('Hand over the keys');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const todo = await api.addToChannel(channel.id, {text, assignees: [stack.user1.id, gone.id], due: {...justDue(), date: '2099-01-01'}});

        // While active they hear of the assignment: their direct channel with the bot works.
        const dm = await admin.createDirectChannel([gone.id, stack.botUserId]);
        const botPosts = async (containing: string) => Object.values((await admin.getPosts(dm.id, 0, 200)).posts).
            filter((p) => p.user_id === stack.botUserId && p.message.includes(containing));
        await eventually(async () => {
            expect(await botPosts(`assigned you **#1** in ~${channel.name}`)).toHaveLength(1);
        });

        await admin.updateUserActive(gone.id, false);
        await api.setDue(todo.id, justDue());
        await waitForDms(stack.user1, `⏰ **#1** in ~${channel.name}`);
        await settle(channel);
        expect(await botPosts('⏰')).toEqual([]);
    });
});

describe('notices', () => {
    test('a new assignee is told once, with the todo, who assigned it and Done/Snooze; assigning yourself tells nobody', async () => {
        const channel = await chat.newChannel('notice-assign');
        const text = unique('Book the venue');
        const root = await chat.post(stack.user1, channel, text);
        await chat.post(stack.user1, channel, '@todo', root.id);
        await chat.waitForReplies(root.id, 1);
        await chat.slash(stack.user1, channel, '/todo assign 1 me');
        await chat.slash(stack.user1, channel, `/todo assign 1 @${stack.user2.username}`);

        const [notice] = await waitForDms(stack.user2, text);
        expect(notice.message).toContain(`@${wordJoiner}${stack.user1.username} assigned you **#1** in ~${channel.name}: ${text}`);
        expect(notice.message).toContain(`/pl/${root.id}`);
        expect(buttonIds(notice)).toEqual(['done', 'snoozehour', 'snoozetomorrow']);

        await press(stack.user2, notice, 'snoozetomorrow');
        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.due?.time).toBe('09:00');
        expect(await dmsTo(stack.user1, `assigned you **#1** in ~${channel.name}`)).toHaveLength(0);
    });

    test('a creator who asked for it hears when someone else completes their todo', async () => {
        const channel = await chat.newChannel('notice-done');
        expect(await chat.privately(stack.user1, channel, '/todo settings completion on')).toBe('When someone else completes a todo you created, I will tell you.');
        const text = unique('Print the tickets');
        const todo = await TodoApi.as(stack.user1, stack.siteURL).addToChannel(channel.id, {text});
        await TodoApi.as(stack.user2, stack.siteURL).complete(todo.id);
        const [notice] = await waitForDms(stack.user1, text);
        expect(notice.message).toContain(`@${wordJoiner}${stack.user2.username} completed your todo **#1** in ~${channel.name}`);

        // Their own completions are no news.
        const own = unique('My own');
        const ownTodo = await TodoApi.as(stack.user1, stack.siteURL).addToChannel(channel.id, {text: own});
        await TodoApi.as(stack.user1, stack.siteURL).complete(ownTodo.id);
        await chat.privately(stack.user1, channel, '/todo settings completion off');
        expect(await dmsTo(stack.user1, own)).toHaveLength(0);
    });
});

describe('the daily digest', () => {
    test('/todo settings digest on HH:MM sends a digest of overdue, due-today and assigned todos at that local time', async () => {
        const channel = await chat.newChannel('digest');
        const overdue = unique('Overdue thing');
        const assigned = unique('Assigned thing');
        const api = TodoApi.as(stack.user2, stack.siteURL);
        await api.addToChannel(channel.id, {text: overdue, assignees: [stack.user2.id], due: {date: '2020-01-01'}});
        await api.addToChannel(channel.id, {text: assigned, assignees: [stack.user2.id]});
        const answer = await chat.privately(stack.user2, channel, '/todo settings digest on 00:00');
        expect(answer).toContain('Every day at 00:00');
        try {
            const [digest] = await waitForDms(stack.user2, assigned);
            expect(digest.message).toMatch(/^#### Your todos for today/);
            expect(digest.message.indexOf('**Overdue**')).toBeLessThan(digest.message.indexOf(overdue));
            expect(digest.message.indexOf('**Assigned to you**')).toBeLessThan(digest.message.indexOf(assigned));
            await settle(channel);
            expect(await dmsTo(stack.user2, assigned)).toHaveLength(1);
        } finally {
            await chat.privately(stack.user2, channel, '/todo settings digest off');
        }
    });
});
