// "Mine" answers read access for all of a user's channels at once (one membership read of
// Mattermost's tables, team permissions asked once per team). These checks hold it to what the
// per-channel check says on the real server: a todo is in "mine" exactly when the user may read
// its channel's list, after leaving channels, being removed and archiving.
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor} from '../../harness/stack';
import {TodoApi, TodoApiError} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {openScene} from '../../harness/scene';

const {stack} = openScene();

/** Whether the user may read the channel's list, asked per channel. */
async function canList(api: TodoApi, channelId: string): Promise<boolean> {
    try {
        await api.listChannel(channelId, {limit: 1});
        return true;
    } catch (err) {
        if (err instanceof TodoApiError && err.status === 403) {
            return false;
        }
        throw err;
    }
}

test('a todo is in mine exactly when its channel can be read', async () => {
    const admin = clientFor(stack.admin, stack.siteURL);
    const user1 = TodoApi.as(stack.user1, stack.siteURL);
    const user2 = TodoApi.as(stack.user2, stack.siteURL);
    const members = [stack.user1.id, stack.user2.id];
    const kinds = {
        privateMember: await createScratchChannel(admin, stack.team.id, 'P', members, 'mine-p'),
        publicMember: await createScratchChannel(admin, stack.team.id, 'O', members, 'mine-o'),
        privateLeft: await createScratchChannel(admin, stack.team.id, 'P', members, 'mine-pl'),
        publicLeft: await createScratchChannel(admin, stack.team.id, 'O', members, 'mine-ol'),
        privateArchived: await createScratchChannel(admin, stack.team.id, 'P', members, 'mine-pa'),
        privateRemovedThenArchived: await createScratchChannel(admin, stack.team.id, 'P', members, 'mine-pra'),
    };
    const texts = new Map<string, string>();
    for (const [kind, channel] of Object.entries(kinds)) {
        const text = unique(`mine access ${kind}`);
        texts.set(kind, text);
        await user1.addToChannel(channel.id, {text, assignees: [stack.user2.id]});
    }

    await admin.removeFromChannel(stack.user2.id, kinds.privateLeft.id);
    await admin.removeFromChannel(stack.user2.id, kinds.publicLeft.id);
    await admin.removeFromChannel(stack.user2.id, kinds.privateRemovedThenArchived.id);
    await admin.deleteChannel(kinds.privateArchived.id);
    await admin.deleteChannel(kinds.privateRemovedThenArchived.id);

    const {todos} = await user2.mine({limit: 200});
    const inMine = new Set(todos.map((t) => t.text));
    const seen: Record<string, {mine: boolean; list: boolean}> = {};
    for (const [kind, channel] of Object.entries(kinds)) {
        seen[kind] = {mine: inMine.has(texts.get(kind) as string), list: await canList(user2, channel.id)};
    }
    expect(seen).toEqual({
        privateMember: {mine: true, list: true},
        publicMember: {mine: true, list: true},
        privateLeft: {mine: false, list: false},
        // A public channel stays readable to the team's members after they leave it.
        publicLeft: {mine: true, list: true},
        // Mattermost keeps the members of an archived channel, who may still read it.
        privateArchived: {mine: true, list: true},
        privateRemovedThenArchived: {mine: false, list: false},
    });
});
