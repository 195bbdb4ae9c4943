// A todo's reply count follows its thread live on the real server: a reply posted in the
// thread (through /todo comment, or straight from the web client) or deleted from it reaches
// the other people who see the list as custom_channel-todo_replies_changed, with the count;
// replies in other threads, and lists someone cannot see, send them nothing.
import {createScratchChannel} from '../../harness/scratch_channel';
import {openScene} from '../../harness/scene';
import {clientFor} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {EventStream} from '../../harness/websocket';
import type {WsEvent} from '../../harness/websocket';

const {stack, admin, chat} = openScene();

const repliesChanged = 'custom_channel-todo_replies_changed';

test('a reply in a todo\'s thread tells the others who see the list the new count', async () => {
    const channel = await chat.newChannel('comments-live');
    const hidden = await createScratchChannel(admin, stack.team.id, 'P', [stack.user1.id], 'comments-hidden');
    const asUser1 = TodoApi.as(stack.user1, stack.siteURL);
    const todo = await asUser1.addToChannel(channel.id, {text: unique('Book the room')});
    const secret = await asUser1.addToChannel(hidden.id, {text: unique('Secret plan')});
    const user2 = await EventStream.connect(stack.siteURL, stack.user2);
    try {
        const counted = (n: number) => (e: WsEvent) => e.event === repliesChanged && e.data.todo_id === todo.id && e.data.reply_count === n;

        // /todo comment starts the thread (the bot's root) and replies in it.
        await chat.privately(stack.user1, channel, `/todo comment ${todo.number} Asked facilities`);
        const first = await user2.next(counted(1));
        expect(first.data).toEqual({list_id: todo.list_id, channel_id: channel.id, user_id: '', todo_id: todo.id, reply_count: 1});
        expect(first.broadcast.channel_id).toBe(channel.id);
        const root = (await asUser1.get(todo.id)).post_id as string;
        const before = (await asUser1.listChannel(channel.id, {limit: 1})).version;

        // A reply from the web client, not through the plugin, counts the same; so does deleting it.
        // Each wait starts from a mark, so a count heard before cannot stand in for this one.
        let mark = user2.mark();
        const reply = await chat.post(stack.user1, channel, 'They said Tuesday', root);
        await user2.nextSince(mark, counted(2));
        mark = user2.mark();
        await clientFor(stack.user1, stack.siteURL).deletePost(reply.id);
        await user2.nextSince(mark, counted(1));

        // A reply in a thread that is no todo's, and one in a list user2 cannot read, tell user2
        // nothing; the reply after them is the next thing user2 hears of.
        const plain = await chat.post(stack.user1, channel, 'an ordinary thread');
        await chat.post(stack.user1, channel, 'an ordinary reply', plain.id);
        await chat.privately(stack.user1, hidden, `/todo comment ${secret.number} nobody else may know`);
        mark = user2.mark();
        await chat.post(stack.user1, channel, 'Confirmed', root);
        await user2.nextSince(mark, counted(2));
        const heard = user2.events.filter((e) => e.event === repliesChanged);
        expect(heard.map((e) => [e.data.todo_id, e.data.reply_count])).toEqual([[todo.id, 1], [todo.id, 2], [todo.id, 1], [todo.id, 2]]);

        // The list's version did not move: a reply is no change to the list.
        expect((await asUser1.listChannel(channel.id, {limit: 1})).version).toBe(before);
    } finally {
        user2.close();
    }
});
