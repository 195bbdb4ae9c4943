// The bot's buttons as a client sees them, pressed the way the web and mobile apps press them:
// POST /api/v4/posts/{post_id}/actions/{action_id}, with the action's cookie for an ephemeral post
// (which Mattermost does not store).
import type {Post} from '@mattermost/types/posts';

import {clientFor, loadStack, type Login} from './stack';
import {EventStream} from './websocket';

/** A button on a post, as the server sends it to clients (integration stripped, cookie added). */
export interface Button {
    id: string;
    name: string;
    cookie?: string;
}

interface Attachment {
    text?: string;
    actions?: Button[];
}

/** The attachments of a post (the bot's buttons and the line above them). */
export function attachmentsOf(post: Post): Attachment[] {
    return ((post.props?.attachments ?? []) as Attachment[]);
}

/** The buttons of a post, in order. */
export function buttonsOf(post: Post): Button[] {
    return attachmentsOf(post).flatMap((a) => a.actions ?? []);
}

/** The ids of a post's buttons, in order. */
export function buttonIds(post: Post): string[] {
    return buttonsOf(post).map((b) => b.id);
}

/** The text shown above a post's buttons ('' when none). */
export function buttonText(post: Post): string {
    return attachmentsOf(post).map((a) => a.text ?? '').join('\n');
}

/** What a press answered: Mattermost's status, and its error body when it refused. */
export interface Pressed {
    status: number;
    body: unknown;
}

/**
 * Presses a button as login through Mattermost's own endpoint. For an ephemeral post the
 * button's cookie goes along, as the apps send it.
 */
export async function press(login: Login, post: Post, actionId: string): Promise<Pressed> {
    const stack = loadStack();
    const button = buttonsOf(post).find((b) => b.id === actionId);
    const body: Record<string, string> = {selected_option: ''};
    if (post.type === 'system_ephemeral' && button?.cookie) {
        body.cookie = button.cookie;
    }
    const res = await fetch(`${stack.siteURL}/api/v4/posts/${post.id}/actions/${encodeURIComponent(actionId)}`, {
        method: 'POST',
        headers: {Authorization: `Bearer ${login.token}`, 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
        body: JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
        json = text ? JSON.parse(text) : undefined;
    } catch {
        json = text;
    }
    return {status: res.status, body: json};
}

/** A post as reader sees it now. */
export function reread(reader: Login, postId: string): Promise<Post> {
    return clientFor(reader).getPost(postId);
}

/**
 * Presses a button with login's WebSocket open and returns the press's answer together with the
 * ephemeral message Mattermost shows the presser (it is sent as the presser's own post).
 */
export async function pressAndHear(login: Login, post: Post, actionId: string): Promise<{pressed: Pressed; ephemeral: Post}> {
    const ws = await EventStream.connect(loadStack().siteURL, login);
    try {
        const pressed = await press(login, post, actionId);
        const event = await ws.next((e) => e.event === 'ephemeral_message');
        return {pressed, ephemeral: JSON.parse(String(event.data.post)) as Post};
    } finally {
        ws.close();
    }
}
