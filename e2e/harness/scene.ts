// What almost every test file starts from: the stack this jest run started, the admin's client
// and a Chat over the stack. The global setup writes the stack before any test file loads, so
// a file opens it once at its top instead of repeating the same beforeAll.
import type {Client4} from '@mattermost/client';

import {Chat} from './chat';
import {clientFor, loadStack, type Stack} from './stack';

export type Scene = {stack: Stack; admin: Client4; chat: Chat};

/** The running stack, the admin's client and a Chat. */
export function openScene(): Scene {
    const stack = loadStack();
    return {stack, admin: clientFor(stack.admin, stack.siteURL), chat: new Chat(stack)};
}
