// The bot's direct messages to a person (reminders, notices, digests), read as that person
// reads them: from their direct channel with the bot.
import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';

import {eventually} from './eventually';
import {clientFor, type Login, type Stack} from './stack';

/** The direct channel between login and the bot (created if it does not exist yet). */
export function botDmChannel(stack: Stack, login: Login): Promise<Channel> {
    return clientFor(login).createDirectChannel([login.id, stack.botUserId]);
}

/** The bot's direct messages to login that contain text, oldest first. */
export async function botDms(stack: Stack, login: Login, text: string): Promise<Post[]> {
    const client = clientFor(login);
    const dm = await botDmChannel(stack, login);
    const list = await client.getPosts(dm.id, 0, 200);
    return Object.values(list.posts).
        filter((p) => p.user_id === stack.botUserId && p.message.includes(text)).
        sort((a, b) => a.create_at - b.create_at);
}

/** Waits for the bot's first direct message to login that contains text. */
export async function waitForBotDm(stack: Stack, login: Login, text: string, deadlineMs = 30_000): Promise<Post> {
    let found: Post | undefined;
    await eventually(async () => {
        [found] = await botDms(stack, login, text);
        if (!found) {
            throw new Error(`no direct message from the bot to ${login.username} contains ${JSON.stringify(text)}`);
        }
    }, deadlineMs);
    return found as Post;
}

/** A due date and time a minute ago, in UTC: a todo given it is reminded at the job's next round. */
export function justDue(): {date: string; time: string; zone: string} {
    const d = new Date(Date.now() - 60_000);
    return {date: d.toISOString().slice(0, 10), time: d.toISOString().slice(11, 16), zone: 'UTC'};
}
