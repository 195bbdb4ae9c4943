// `/todo help`, sent the way the web client sends it: POST /api/v4/commands/execute.
import type {Login} from '../../harness/stack';
import {clientFor} from '../../harness/stack';
import {openScene} from '../../harness/scene';

const {stack} = openScene();

type Who = 'user1' | 'user2';
type Where = 'public' | 'private' | 'town';

const cases: Array<{who: Who; where: Where; command: string}> = [
    {who: 'user1', where: 'public', command: '/todo help'},
    {who: 'user1', where: 'private', command: '/todo help'},
    {who: 'user2', where: 'public', command: '/todo help'},
    {who: 'user2', where: 'town', command: '/todo   HELP'},
];

describe('/todo help', () => {
    test.each(cases)('answers $who in $where ($command) with the help, only to them', async ({who, where, command}) => {
        const login: Login = stack[who];
        const channel = stack.channels[where];
        const response = await clientFor(login).executeCommand(command, {channel_id: channel.id, team_id: stack.team.id});

        expect(response.response_type).toBe('ephemeral');
        expect(response.text).toMatch(/\/todo\b/);
        expect(response.text).toMatch(/help/i);
        expect(response.text).not.toMatch(/unknown command/i);
    });

    test('is refused in a channel the user is not a member of', async () => {
        // user2 is not in the private channel: Mattermost itself must refuse before the plugin.
        await expect(clientFor(stack.user2).executeCommand('/todo help', {
            channel_id: stack.channels.private.id,
            team_id: stack.team.id,
        })).rejects.toMatchObject({status_code: 403});
    });

    test('is registered with autocomplete for the team', async () => {
        const commands = await clientFor(stack.user1).getCommandsList(stack.team.id);
        const todo = commands.find((c) => c.trigger === 'todo');
        expect(todo).toBeDefined();
        expect(todo?.auto_complete).toBe(true);
    });
});
