// Channels that one test creates for itself (through the admin), so it can archive them, fill
// them or count their todos without meeting what other tests left in the seeded channels.
import crypto from 'node:crypto';

import type {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';

/**
 * Creates a public ('O') or private ('P') channel in the team with a unique name and adds the
 * given users to it. The admin who creates it is a member too.
 */
export async function createScratchChannel(admin: Client4, teamId: string, type: 'O' | 'P', memberIds: string[], prefix = 'scratch'): Promise<Channel> {
    const name = `${prefix}-${crypto.randomBytes(5).toString('hex')}`;
    const channel = await admin.createChannel({team_id: teamId, name, display_name: name, type} as Channel);
    for (const id of memberIds) {
        await admin.addToChannel(id, channel.id);
    }
    return channel;
}
