// Answers longer than one Mattermost post (16,383 characters) on the real server: they arrive
// whole, as several posts in the thread, instead of being refused and sent privately.
import crypto from 'node:crypto';

import type {Post} from '@mattermost/types/posts';
import type {UserProfile} from '@mattermost/types/users';

import {eventually} from '../../harness/eventually';
import {TodoApi} from '../../harness/todo_api';
import {openScene} from '../../harness/scene';

const {stack, admin, chat} = openScene();

const maxPostChars = 16_383;

test('a list of 20 todos with 20 assignees each arrives as several posts in the thread, each within the limit', async () => {
    const channel = await chat.newChannel('long-reply');
    const assignees: string[] = [];
    for (let i = 0; i < 20; i++) {
        // 22 characters, the longest a username the bot may mention.
        const username = `long-${crypto.randomBytes(8).toString('hex')}`.slice(0, 22);
        const user = await admin.createUser({username, email: `${username}@example.com`, password: 'Password-1234!'} as UserProfile, '', '');
        await admin.addToTeam(stack.team.id, user.id);
        await admin.addToChannel(user.id, channel.id);
        assignees.push(user.id);
    }
    const api = TodoApi.as(stack.user1, stack.siteURL);
    for (let i = 1; i <= 20; i++) {
        await api.addToChannel(channel.id, {text: `item ${String(i).padStart(2, '0')} ${'long words and @mentions '.repeat(12)}`, assignees});
    }

    const root = await chat.post(stack.user1, channel, 'the long list, please');
    const response = await chat.slash(stack.user1, channel, '/todo list', root.id);
    expect(response.text ?? '').toBe('');

    // The parts are posted one after the other; the last one holds the last todo.
    let replies: Post[] = [];
    await eventually(async () => {
        replies = await chat.botReplies(stack.user2, root.id);
        expect(replies.map((p) => p.message).join('\n')).toContain('**#20** item 20');
    });
    expect(replies.length).toBeGreaterThanOrEqual(2);
    const all = replies.map((p) => p.message).join('\n');
    for (const post of replies) {
        expect([...post.message].length).toBeLessThanOrEqual(maxPostChars);
    }
    expect([...all].length).toBeGreaterThan(maxPostChars);
    for (let i = 1; i <= 20; i++) {
        expect(all).toContain(`**#${i}** item ${String(i).padStart(2, '0')}`);
    }
});
