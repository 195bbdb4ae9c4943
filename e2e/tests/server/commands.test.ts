// `/todo` on the real server, sent as the web client sends it (POST /api/v4/commands/execute):
// where the answer lands (the command's ephemeral response, the thread, the channel), the whole
// lifecycle of a todo, the user's language, and todo text that must not notify anyone.
import {wordJoiner} from '../../harness/chat';
import {eventually} from '../../harness/eventually';
import {withSettings} from '../../harness/plugin_config';
import {clientFor} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';
import {unique} from '../../harness/unique_text';
import {openScene} from '../../harness/scene';

const {stack, admin, chat} = openScene();

describe('/todo outside a thread', () => {
    test('answers only the person who asked, and nobody else sees a post', async () => {
        const channel = await chat.newChannel('cmd-ephemeral');
        const text = unique('Book the room');
        const answer = await chat.privately(stack.user1, channel, `/todo add ${text}`);
        expect(answer).toBe(`Added **#1** to ~${channel.name}: ${text}`);

        expect(await chat.botPosts(stack.user2, channel)).toEqual([]);
        const todo = await TodoApi.as(stack.user2, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.text).toBe(text);
    });

    test('shows help for an unknown command and usage for an empty add', async () => {
        const channel = await chat.newChannel('cmd-errors');
        expect(await chat.privately(stack.user1, channel, '/todo dne 3')).toContain('`dne` is not a command. Did you mean `done`?');
        expect(await chat.privately(stack.user1, channel, '/todo add')).toContain('Tell me what to add');
        expect(await chat.privately(stack.user1, channel, '/todo done 42')).toBe(`No open todo #42 in ~${channel.name}.`);
    });

    test('says so when the user may not change a todo', async () => {
        // Mattermost itself refuses commands where one cannot post; the edit policy is the
        // plugin's own rule.
        const channel = await chat.newChannel('cmd-policy');
        // withSettings returns once the plugin has applied the setting (see plugin_config.ts), so
        // the refusal is asserted once: a retry could hide a flaky allow.
        await withSettings(admin, {editpolicy: 'creator_and_admins'}, async () => {
            const added = await chat.privately(stack.user1, channel, '/todo add Only mine to delete');
            const number = Number((/\*\*#(\d+)\*\*/).exec(added)?.[1]);
            expect(await chat.privately(stack.user2, channel, `/todo rm ${number}`)).toBe(
                "Only the todo's creator and the channel's admins can change or delete it.");
            expect((await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, number)).text).toBe('Only mine to delete');
        });
        // The setting put back is in effect as soon as withSettings returns.
        const mine = await chat.privately(stack.user1, channel, '/todo add Anyone may delete this');
        const number = Number((/\*\*#(\d+)\*\*/).exec(mine)?.[1]);
        expect(await chat.privately(stack.user2, channel, `/todo rm ${number}`)).toBe(`Deleted **#${number}**: Anyone may delete this`);
    });

    test('with ReplyVisibility "channel", a change is posted by the bot for the channel; a list stays private', async () => {
        const channel = await chat.newChannel('cmd-visible');
        await withSettings(admin, {replyvisibility: 'channel'}, async () => {
            const response = await chat.slash(stack.user1, channel, `/todo add ${unique('probe')}`);
            expect(response.text ?? '').toBe('');
            // The bot posted before the command returned (ExecuteCommand creates the post).
            const posts = await chat.botPosts(stack.user2, channel);
            expect(posts).toHaveLength(1);
            expect(posts[0].message).toMatch(new RegExp(`^Added \\*\\*#\\d+\\*\\* to ~${channel.name}: probe`));
            expect(posts[0].root_id).toBe('');
            expect(await chat.privately(stack.user1, channel, '/todo list')).toMatch(new RegExp(`open todos? in ~${channel.name}`));
        });
    });
});

describe('/todo inside a thread', () => {
    test('the bot answers in the thread, for everyone in the channel', async () => {
        const channel = await chat.newChannel('cmd-thread');
        const root = await chat.post(stack.user1, channel, 'Planning the launch');
        const reply = await chat.post(stack.user1, channel, 'what is left?', root.id);
        expect(reply.root_id).toBe(root.id);

        const text = unique('Write the announcement');
        const response = await chat.slash(stack.user1, channel, `/todo add ${text}`, root.id);
        expect(response.text ?? '').toBe('');

        const answers = await chat.botReplies(stack.user2, root.id);
        expect(answers).toHaveLength(1);
        expect(answers[0].root_id).toBe(root.id);
        expect(answers[0].message).toBe(`Added **#1** to ~${channel.name}: ${text}`);

        const todo = await TodoApi.as(stack.user1, stack.siteURL).byNumber(channel.id, 1);
        expect(todo.root_id).toBe(root.id);
    });

    test('a personal list asked for in a thread is shown to its owner only', async () => {
        const channel = await chat.newChannel('cmd-thread-my');
        const root = await chat.post(stack.user1, channel, 'notes');
        const text = unique('Call the dentist');
        const response = await chat.slash(stack.user1, channel, `/todo my add ${text}`, root.id);
        expect(response.response_type).toBe('ephemeral');
        expect(response.text).toMatch(/to your personal list: Call the dentist/);
        expect(await chat.botReplies(stack.user2, root.id)).toEqual([]);
    });
});

describe('/todo through a whole lifecycle', () => {
    test('add, list, done, undo, edit, assign, due, move, mine, export, delete', async () => {
        const channel = await chat.newChannel('cmd-life');
        const api = TodoApi.as(stack.user1, stack.siteURL);
        const say = (command: string) => chat.privately(stack.user1, channel, command);

        expect(await say('/todo add Draft the agenda')).toContain('Added **#1**');
        expect(await say('/todo Book a room')).toContain('Added **#2**');
        expect(await say('/todo new Order snacks')).toContain('Added **#3**');

        const list = await say('/todo list');
        expect(list).toContain(`3 open todos in ~${channel.name}`);
        expect(list).toContain('- [ ] **#1** Draft the agenda\n- [ ] **#2** Book a room\n- [ ] **#3** Order snacks');

        expect(await say('/todo done #1')).toBe('Completed **#1**: Draft the agenda');
        expect((await api.byNumber(channel.id, 1)).state).toBe('done');
        expect(await say('/todo ls done')).toContain('- [x] **#1** Draft the agenda');
        expect(await say('/todo undo 1')).toBe('Reopened **#1**: Draft the agenda');
        expect((await api.byNumber(channel.id, 1)).state).toBe('open');

        expect(await say('/todo edit 2 Book the big room')).toBe('Changed **#2** to: Book the big room');
        expect((await api.byNumber(channel.id, 2)).text).toBe('Book the big room');

        expect(await say(`/todo assign 2 @${stack.user2.username} me`)).toBe(
            `Assigned **#2** to @${wordJoiner}${stack.user1.username}, @${wordJoiner}${stack.user2.username}.`);
        expect((await api.byNumber(channel.id, 2)).assignees?.sort()).toEqual([stack.user1.id, stack.user2.id].sort());
        expect(await say('/todo assign 2 @nobody-here')).toBe('Only people who can see this list can be assigned to its todos.');
        expect(await say(`/todo unassign 2 @${stack.user1.username}`)).toContain('Removed');
        expect((await api.byNumber(channel.id, 2)).assignees).toEqual([stack.user2.id]);

        expect(await say('/todo due 2 2030-01-31 17:00')).toBe('**#2** is due 2030-01-31 17:00.');
        expect((await api.byNumber(channel.id, 2)).due).toEqual({date: '2030-01-31', time: '17:00'});
        expect(await say('/todo due 2 none')).toBe('**#2** has no due date now.');
        expect((await api.byNumber(channel.id, 2)).due).toBeUndefined();

        expect(await say('/todo move 3 top')).toBe('Moved **#3** to the top.');
        expect(await say('/todo list')).toContain('- [ ] **#3** Order snacks\n- [ ] **#1** Draft the agenda\n- [ ] **#2** Book the big room');
        expect(await say('/todo mv 3 2')).toBe('Moved **#3** to position 2.');
        expect(await say('/todo list')).toContain('- [ ] **#1** Draft the agenda\n- [ ] **#3** Order snacks');

        const mine = await chat.privately(stack.user2, channel, '/todo mine');
        expect(mine).toContain(`**#2** Book the big room · @${wordJoiner}${stack.user2.username} · in ~${channel.name}`);

        const csv = await say('/todo export csv');
        expect(csv).toContain(`Exported 3 todos from ~${channel.name}.`);
        expect(csv).toContain('```csv\n');
        expect(csv).toContain('Book the big room');

        expect(await say('/todo rm 1 3')).toBe('Deleted **#1**: Draft the agenda\nDeleted **#3**: Order snacks');
        const open = await api.listChannel(channel.id, {state: 'open'});
        expect(open.todos.map((t) => t.number)).toEqual([2]);
        expect(await say('/todo help due')).toContain('/todo due <number> <date> [time]');
    });

    test('suggests the open todos while a number is typed', async () => {
        const channel = await chat.newChannel('cmd-suggest');
        await chat.slash(stack.user1, channel, '/todo add Water the plants');
        await chat.slash(stack.user1, channel, '/todo add Feed the cat');
        await chat.slash(stack.user1, channel, '/todo done 1');
        const suggestions = await clientFor(stack.user1).getCommandAutocompleteSuggestionsList('/todo done ', stack.team.id,
            {channel_id: channel.id, team_id: stack.team.id, root_id: ''} as never);
        const items = suggestions.map((s) => ({complete: s.Complete, hint: s.Hint, description: s.Description}));
        expect(items).toEqual([expect.objectContaining({complete: expect.stringMatching(/done 2$/), description: 'Feed the cat'})]);
    });
});

describe('/todo speaks the user\'s language', () => {
    test('a user whose language is Chinese gets Chinese', async () => {
        const channel = await chat.newChannel('cmd-zh');
        const user2 = clientFor(stack.user2);
        const before = (await user2.getMe()).locale;
        await user2.patchMe({locale: 'zh-CN'});
        try {
            expect(await chat.privately(stack.user2, channel, '/todo add 买牛奶')).toBe(`已将 **#1** 添加到 ~${channel.name}：买牛奶`);
            expect(await chat.privately(stack.user2, channel, '/todo done 7')).toBe(`~${channel.name} 中没有未完成的待办 #7。`);
        } finally {
            await user2.patchMe({locale: before || 'en'});
        }
        expect(await chat.privately(stack.user2, channel, '/todo done 1')).toBe('Completed **#1**: 买牛奶');
    });
});

describe('/todo due in the user\'s own time zone', () => {
    /** Today's date in a time zone, as YYYY-MM-DD. */
    function today(timeZone: string): string {
        return new Intl.DateTimeFormat('en-CA', {timeZone, year: 'numeric', month: '2-digit', day: '2-digit'}).format(new Date());
    }

    test('"today" is the date where the user is: a day apart for UTC+14 and UTC-11', async () => {
        const channel = await chat.newChannel('cmd-zone');
        const user2 = clientFor(stack.user2);
        const before = (await user2.getMe()).timezone;
        const api = TodoApi.as(stack.user2, stack.siteURL);
        const setZone = (zone: string) => user2.patchMe({timezone: {useAutomaticTimezone: 'false', manualTimezone: zone, automaticTimezone: ''}});
        try {
            const dates: string[] = [];
            for (const [n, zone] of [[1, 'Pacific/Kiritimati'], [2, 'Pacific/Pago_Pago']] as const) {
                await setZone(zone);
                await chat.privately(stack.user2, channel, `/todo add due where I am ${n}`);
                // The date may turn between reading the clock here and on the server: either side of it is right.
                const around = [today(zone)];
                await chat.privately(stack.user2, channel, `/todo due ${n} today`);
                around.push(today(zone));
                const due = (await api.byNumber(channel.id, n)).due;
                expect(around).toContain(due?.date);
                dates.push(due?.date ?? '');
            }
            // 25 hours apart: never the same calendar day.
            expect(dates[0]).not.toBe(dates[1]);
        } finally {
            await user2.patchMe({timezone: before});
        }
    });
});

describe('what a guest may not learn, and text that is refused', () => {
    test('assigning an unknown username and someone who cannot see the list get the same answer', async () => {
        const channel = await chat.newChannel('cmd-assign-oracle', 'P');
        await admin.removeFromChannel(stack.user2.id, channel.id);
        await chat.privately(stack.user1, channel, '/todo add Whose is this');
        const outsider = await chat.privately(stack.user1, channel, `/todo assign 1 @${stack.user2.username}`);
        const nobody = await chat.privately(stack.user1, channel, `/todo assign 1 @${unique('nobody').replace(' ', '-')}`);
        expect(nobody).toBe(outsider);
        expect(outsider).toBe('Only people who can see this list can be assigned to its todos.');
    });

    test('a text-direction override or a control character in a todo is refused with a clear answer', async () => {
        const channel = await chat.newChannel('cmd-bidi');
        const refused = 'The text contains characters that can\'t be stored or shown safely: control characters or text-direction overrides (such as U+202E). Remove them and try again.';
        expect(await chat.privately(stack.user1, channel, '/todo add pay \u202eecnalab')).toBe(refused);
        expect(await chat.privately(stack.user1, channel, '/todo add ring the \u0007bell')).toBe(refused);
        const asked = await chat.post(stack.user1, channel, '@todo add pay \u202eecnalab');
        const [answer] = await chat.waitForReplies(asked.id, 1);
        expect(answer.message).toBe(refused);
        expect((await TodoApi.as(stack.user1, stack.siteURL).listChannel(channel.id, {state: 'all'})).todos).toEqual([]);
    });
});

describe('todo text never notifies', () => {
    test('@channel, @all, @here and @user in a todo mention nobody when the bot posts it', async () => {
        const channel = await chat.newChannel('cmd-quiet');
        const root = await chat.post(stack.user1, channel, 'release checklist');
        const memberBefore = await chat.settledMentions(channel);

        await chat.slash(stack.user1, channel, `/todo add tell @channel @all @here and @${stack.user2.username} about it`, root.id);
        await chat.slash(stack.user1, channel, '/todo list', root.id);

        // An export is a code block: byte for byte what the REST export serves, no word joiners
        // (code never mentions anyone).
        await chat.slash(stack.user1, channel, '/todo export md', root.id);

        const [added, listed, exported] = await chat.waitForReplies(root.id, 3, stack.user2);
        const rest = await TodoApi.as(stack.user1, stack.siteURL).request('GET', `/channels/${channel.id}/todos/export?format=md`);
        expect(rest.status).toBe(200);
        expect(exported.message).toContain(`\`\`\`markdown\n${rest.text.trimEnd()}\n\`\`\``);
        expect(exported.message).toContain(`tell @channel @all @here and @${stack.user2.username} about it`);
        expect(exported.message.split('```')[1]).not.toContain(wordJoiner);
        const answers = [added, listed];
        for (const post of answers) {
            expect(post.message).toContain(`@${wordJoiner}channel`);
            expect(post.message).not.toMatch(/@(channel|all|here)\b/);
            expect(post.message).not.toContain(`@${stack.user2.username}`);
            expect(post.props?.disable_group_highlight).toBe(true);
        }
        const memberAfter = await chat.membership(stack.user2, channel);
        expect(memberAfter.mention_count).toBe(memberBefore.mention_count);
        expect(memberAfter.mention_count_root).toBe(memberBefore.mention_count_root);
        expect(memberAfter.urgent_mention_count ?? 0).toBe(memberBefore.urgent_mention_count ?? 0);

        // The counter does count: a person's own mention of user2 raises it.
        await chat.post(stack.user1, channel, `@${stack.user2.username} see the list`);
        await eventually(async () => {
            const member = await chat.membership(stack.user2, channel);
            expect(member.mention_count).toBe(memberBefore.mention_count + 1);
        });
    });
});
