// `/todo import official` on the real server: rows written in the official Todo plugin's layout
// into Mattermost's PluginKeyValueStore (broken ones included, as that plugin leaves them), a
// dry run that changes nothing, the import, and the import again, which brings nothing new.
// The people are made for this file, so no other test's lists change.
import crypto from 'node:crypto';

import {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';
import type {UserProfile} from '@mattermost/types/users';

import {Chat} from '../../harness/chat';
import {runSQL} from '../../harness/postgres';
import {clientFor, loadStack, loadState, type Login, type Stack} from '../../harness/stack';
import {TodoApi} from '../../harness/todo_api';

let stack: Stack;
let chat: Chat;
let channel: Channel;
let alice: Login;
let bob: Login;
let carol: Login; // deactivated before the import
const ghost = crypto.randomBytes(13).toString('hex'); // a user id no account has

const password = 'Password-1234!';

async function person(label: string): Promise<Login> {
    const admin = clientFor(stack.admin);
    const username = `imp-${label}-${crypto.randomBytes(4).toString('hex')}`;
    const user = await admin.createUser({username, email: `${username}@example.com`, password} as UserProfile, '', '');
    await admin.addToTeam(stack.team.id, user.id);
    const client = new Client4();
    client.setUrl(stack.siteURL);
    await client.login(username, password);
    return {id: user.id, username, password, token: client.getToken()};
}

/** The official plugin's item ids, unique to this run. */
const id = (name: string) => `${name}${crypto.randomBytes(6).toString('hex')}`;
const ids = {
    milk: id('milk'), report: id('report'), sentX: id('sentx'), sentY: id('senty'), orphan: id('orphan'),
    broken: id('broken'), missing: id('missing'), carols: id('carol'), ghosts: id('ghost'), long: id('long'),
};

/** One row in the official plugin's layout: PValue is JSON text as bytes. */
function row(key: string, value: unknown): string {
    const json = typeof value === 'string' ? value : JSON.stringify(value);
    return `('com.mattermost.plugin-todo', '${key}', convert_to('${json.replace(/'/g, "''")}', 'UTF8'), 0)`;
}

function item(message: string, extra: Record<string, unknown> = {}) {
    return {id: 'ignored', message, create_at: 1700000000000, postPermalink: '', ...extra};
}

function ref(issue: string, foreignIssue = '', foreignUser = '') {
    return {issue_id: issue, foreign_issue_id: foreignIssue, foreign_user_id: foreignUser};
}

/** What a person reads in a chat answer: the bot's word joiners after "@" taken out. */
function plain(text: string): string {
    return text.replace(/\u2060/g, '');
}

beforeAll(async () => {
    stack = loadStack();
    chat = new Chat(stack);
    channel = await chat.newChannel('import');
    alice = await person('alice');
    bob = await person('bob');
    carol = await person('carol');

    const rows = [
        row(`item_${ids.milk}`, item('Buy milk')),
        row(`item_${ids.report}`, item('Write report', {description: 'Q3 numbers'})),
        row(`item_${ids.sentX}`, item('Review the PR')),
        row(`item_${ids.sentY}`, item('Review the PR')),
        row(`item_${ids.orphan}`, item('Nobody refers to me')),
        row(`item_${ids.broken}`, '{"message": "cut off'),
        row(`item_${ids.carols}`, item("Carol's todo")),
        row(`item_${ids.ghosts}`, item('From someone gone')),
        row(`item_${ids.long}`, item('x'.repeat(4001))),
        row(`order_${alice.id}`, [ref(ids.milk), ref(ids.missing), ref(ids.report), ref(ids.ghosts, '', ghost), ref(ids.long)]),
        row(`order_${alice.id}_out`, [ref(ids.sentX, ids.sentY, bob.id)]),
        row(`order_${bob.id}_in`, [ref(ids.sentY, ids.sentX, alice.id)]),
        row(`order_${carol.id}`, [ref(ids.carols)]),
        row(`reminder_${alice.id}`, '1700000000000'),
    ];
    runSQL(loadState().database, `INSERT INTO pluginkeyvaluestore (pluginid, pkey, pvalue, expireat) VALUES ${rows.join(',\n')};`);
    await clientFor(stack.admin).updateUserActive(carol.id, false);
});

describe('/todo import official', () => {
    test('is refused to anyone but a system admin, in chat and over REST, and imports nothing', async () => {
        expect(await chat.privately(stack.user1, channel, '/todo import official confirm')).toBe('Only system admins can import todos.');
        const rest = await TodoApi.as(stack.user1, stack.siteURL).request('POST', '/imports/official', {body: {confirm: true}});
        expect(rest.status).toBe(403);
        expect((await TodoApi.as(alice, stack.siteURL).listPersonal()).todos).toEqual([]);
    });

    test('a dry run reports, the import imports once, and a second import brings nothing new', async () => {
        const aliceApi = TodoApi.as(alice, stack.siteURL);
        const bobApi = TodoApi.as(bob, stack.siteURL);

        const dry = plain(await chat.privately(stack.admin, channel, '/todo import official'));
        expect(dry).toContain('#### Import from the official Todo plugin: dry run');
        expect(dry).toContain('Would be imported: 4. Skipped: 5.');
        expect(dry).toContain('Run `/todo import official confirm` to import.');
        expect(dry).toContain(`@${alice.username}: Buy milk`);
        expect(dry).toContain(`@${bob.username}, from @${alice.username}, in their direct messages: Review the PR`);
        expect(dry).toContain(`@${alice.username}: From someone gone (sent by someone who is no longer on the server: a personal todo)`);
        expect(dry).toContain(`\`${ids.missing}\` @${alice.username}: a list refers to an item that is not stored`);
        expect(dry).toContain(`\`${ids.orphan}\` “Nobody refers to me”: no list refers to this item`);
        expect(dry).toContain(`\`item_${ids.broken}\`: the stored value cannot be read`);
        expect(dry).toContain(`\`${ids.carols}\` @${carol.username} “Carol's todo”: the person it belongs to is deactivated`);
        expect(dry).toMatch(new RegExp(`\`${ids.long}\` @${alice.username} “x+…”: not a valid todo \\(The text is 4001 characters long; the limit is 4000.\\)`));
        expect((await aliceApi.listPersonal()).todos).toEqual([]);
        expect((await bobApi.mine()).todos).toEqual([]);

        const done = plain(await chat.privately(stack.admin, channel, '/todo import official confirm'));
        expect(done).toContain('#### Import from the official Todo plugin\n');
        expect(done).toContain('Imported: 4. Skipped: 5.');
        expect(done).not.toContain('import official confirm');

        // Alice's own todos, in her list's order, with their creation time.
        const personal = (await aliceApi.listPersonal()).todos;
        expect(personal.map((t) => t.text)).toEqual(['Buy milk', 'Write report\nQ3 numbers', 'From someone gone']);
        for (const t of personal) {
            expect(t.creator_id).toBe(alice.id);
            expect(t.created_at).toBe(1700000000000);
            expect(t.assignees).toEqual([]);
        }

        // What alice sent bob: in their direct channel, created by alice, assigned to bob, once.
        const bobsMine = (await bobApi.mine()).todos;
        expect(bobsMine).toHaveLength(1);
        const sent = bobsMine[0];
        expect(sent.text).toBe('Review the PR');
        expect(sent.creator_id).toBe(alice.id);
        expect(sent.assignees).toEqual([bob.id]);
        if (sent.scope.kind !== 'channel') {
            throw new Error(`the sent todo is on a ${sent.scope.kind} list`);
        }
        const direct = await clientFor(stack.admin).getChannel(sent.scope.channel_id);
        expect(direct.type).toBe('D');
        expect(direct.name.split('__').sort()).toEqual([alice.id, bob.id].sort());
        expect((await aliceApi.listChannel(direct.id)).todos.map((t) => t.id)).toEqual([sent.id]);

        // Again, over REST: everything is already imported, nothing is added.
        const again = await TodoApi.as(stack.admin, stack.siteURL).request('POST', '/imports/official', {body: {confirm: true}});
        expect(again.status).toBe(200);
        const report = again.json as {confirmed: boolean; imported: unknown[]; skipped: {source_id: string; reason: string; todo_id?: string}[]};
        expect(report.confirmed).toBe(true);
        expect(report.imported).toEqual([]);
        const already = report.skipped.filter((s) => s.reason === 'already_imported');
        expect(already.map((s) => s.source_id).sort()).toEqual([ids.milk, ids.report, ids.ghosts, ids.sentY].sort());
        expect(already.find((s) => s.source_id === ids.sentY)?.todo_id).toBe(sent.id);
        expect((await aliceApi.listPersonal()).todos).toHaveLength(3);
        expect((await bobApi.mine()).todos).toHaveLength(1);
        expect(plain(await chat.privately(stack.admin, channel, '/todo import official confirm'))).toContain('Imported: 0. Skipped: 9.');

        // A mention is a door too: the report goes to the admin alone, and nothing is posted.
        const {whisper} = await chat.whisperedAfter(stack.admin, () => chat.post(stack.admin, channel, '@todo import official'));
        expect(plain(whisper.message)).toContain('Would be imported: 0. Skipped: 9.');
        expect(await chat.botPosts(stack.admin, channel)).toEqual([]);
    });
});
