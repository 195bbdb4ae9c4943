// Talking to the plugin the way people do: slash commands (POST /api/v4/commands/execute, as the
// web client sends them) and posts with `@todo`, then reading what the bot answered — in the
// command's ephemeral response, in the thread, in the channel or over the user's WebSocket.
import type {Channel, ChannelMembership} from '@mattermost/types/channels';
import type {CommandResponse} from '@mattermost/types/integrations';
import type {Post} from '@mattermost/types/posts';

import {eventually} from './eventually';
import {createScratchChannel} from './scratch_channel';
import {clientFor, type Login, type Stack} from './stack';
import {EventStream} from './websocket';

/** The invisible character the bot puts after "@" in user text, so it cannot mention. */
export const wordJoiner = '\u2060';

/** The post a bot event carries (ephemeral_message and posted send it as JSON text). */
function postOf(data: Record<string, unknown>): Post {
    return JSON.parse(String(data.post)) as Post;
}

/** Commands, posts and the bot's answers on the stack's server. */
export class Chat {
    constructor(private readonly stack: Stack) {}

    /**
     * A new public ('O') or private ('P') channel, made by the admin, with user1 and user2 in it:
     * its list starts empty and its numbers at 1.
     */
    newChannel(prefix: string, type: 'O' | 'P' = 'O'): Promise<Channel> {
        const admin = clientFor(this.stack.admin, this.stack.siteURL);
        return createScratchChannel(admin, this.stack.team.id, type, [this.stack.user1.id, this.stack.user2.id], prefix);
    }

    /** Runs a slash command as a user in a channel, optionally inside a thread. */
    slash(login: Login, channel: Channel, command: string, rootId = ''): Promise<CommandResponse> {
        return clientFor(login, this.stack.siteURL).executeCommand(command, {channel_id: channel.id, team_id: this.stack.team.id, root_id: rootId});
    }

    /** The text of a command's answer, failing the test unless it was ephemeral and not empty. */
    async privately(login: Login, channel: Channel, command: string): Promise<string> {
        const response = await this.slash(login, channel, command);
        expect(response.response_type).toBe('ephemeral');
        expect(response.text).toBeTruthy();
        return response.text as string;
    }

    /**
     * What a user sees after a slash command: the response's text, or else the bot's ephemeral
     * or posted reply, whichever arrives first on the user's WebSocket.
     */
    async slashAnswer(login: Login, channel: Channel, command: string): Promise<string> {
        const ws = await EventStream.connect(this.stack.siteURL, login);
        try {
            const response = await this.slash(login, channel, command);
            if (response.text) {
                return response.text;
            }
            const event = await ws.next((e) => (e.event === 'ephemeral_message' || e.event === 'posted') &&
                postOf(e.data).user_id === this.stack.botUserId);
            return postOf(event.data).message;
        } finally {
            ws.close();
        }
    }

    /**
     * Does `act` with login's WebSocket open and returns what act returned together with the
     * first ephemeral post the bot sent to login: answers nobody else may see are never stored.
     */
    async whisperedAfter<T>(login: Login, act: () => Promise<T>): Promise<{result: T; whisper: Post}> {
        const ws = await EventStream.connect(this.stack.siteURL, login);
        try {
            const result = await act();
            const event = await ws.next((e) => e.event === 'ephemeral_message' && postOf(e.data).user_id === this.stack.botUserId);
            return {result, whisper: postOf(event.data)};
        } finally {
            ws.close();
        }
    }

    /** Posts a message as a user, optionally as a reply in a thread. */
    post(login: Login, channel: Channel, message: string, rootId = ''): Promise<Post> {
        return clientFor(login, this.stack.siteURL).createPost({channel_id: channel.id, message, root_id: rootId} as Post);
    }

    /** The bot's posts in a channel, threads included, oldest first, as reader sees them. */
    async botPosts(reader: Login, channel: Channel): Promise<Post[]> {
        const list = await clientFor(reader, this.stack.siteURL).getPosts(channel.id, 0, 200);
        return this.byBotOldestFirst(Object.values(list.posts));
    }

    /** The bot's posts in a thread, oldest first, as reader sees them. */
    async botReplies(reader: Login, rootId: string): Promise<Post[]> {
        const thread = await clientFor(reader, this.stack.siteURL).getPostThread(rootId);
        return this.byBotOldestFirst(Object.values(thread.posts));
    }

    /**
     * Waits until the bot has posted `count` replies in the thread and returns them, failing
     * the test if it posted more.
     */
    async waitForReplies(rootId: string, count: number, reader: Login = this.stack.user2, deadlineMs = 20_000): Promise<Post[]> {
        let replies: Post[] = [];
        await eventually(async () => {
            replies = await this.botReplies(reader, rootId);
            expect(replies.length).toBeGreaterThanOrEqual(count);
        }, deadlineMs);
        expect(replies).toHaveLength(count);
        return replies;
    }

    /** Starts a thread as user1, replies `message` in it, and returns the bot's one answer there. */
    async askInThread(channel: Channel, message: string): Promise<{root: Post; answer: Post}> {
        const root = await this.post(this.stack.user1, channel, `thread for ${message.slice(0, 40)}`);
        await this.post(this.stack.user1, channel, message, root.id);
        const [answer] = await this.waitForReplies(root.id, 1, this.stack.user1);
        return {root, answer};
    }

    /**
     * user2's membership once the one mention of being added to the channel (a system
     * message) has been counted, so what follows starts from a known count.
     */
    async settledMentions(channel: Channel): Promise<ChannelMembership> {
        let member: ChannelMembership | undefined;
        await eventually(async () => {
            member = await this.membership(this.stack.user2, channel);
            expect(member.mention_count).toBe(1);
        });
        return member as ChannelMembership;
    }

    /** A user's membership of a channel, with its unread and mention counts. */
    membership(login: Login, channel: Channel): Promise<ChannelMembership> {
        return clientFor(login, this.stack.siteURL).getChannelMember(channel.id, login.id);
    }

    private byBotOldestFirst(posts: Post[]): Post[] {
        return posts.filter((p) => p.user_id === this.stack.botUserId).sort((a, b) => a.create_at - b.create_at);
    }
}
