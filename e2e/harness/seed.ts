// Seeds the people and places every scenario starts from. Idempotent: on a server that already
// has them (the persistent `make server` database) it only logs in again.
import type {Client4} from '@mattermost/client';
import {ClientError} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';
import type {Team} from '@mattermost/types/teams';
import type {UserProfile} from '@mattermost/types/users';

import type {Login, Named, Stack} from './stack';
import {anonymousClient} from './stack';

interface Person {
    username: string;
    password: string;
    email: string;
    first_name: string;
    last_name: string;
}

/** Fixed test identities: local, loopback-only servers with throwaway data. */
export const people: Record<'admin' | 'user1' | 'user2', Person> = {
    admin: {username: 'sysadmin', password: 'Sysadmin-pass-1', email: 'sysadmin@example.com', first_name: 'Sam', last_name: 'Admin'},
    user1: {username: 'user1', password: 'User1-pass-1', email: 'user1@example.com', first_name: 'Ada', last_name: 'One'},
    user2: {username: 'user2', password: 'User2-pass-1', email: 'user2@example.com', first_name: 'Bo', last_name: 'Two'},
};

export const places = {
    team: {name: 'todo-team', display_name: 'Todo Team'},
    public: {name: 'todo-public', display_name: 'Todo Public'},
    private: {name: 'todo-private', display_name: 'Todo Private'},
    town: {name: 'town-square'},
};

/** The status code of a Mattermost API error, or undefined for anything else. */
export function statusOf(err: unknown): number | undefined {
    return err instanceof ClientError ? Number(err.status_code) : undefined;
}

/** A readable one-line description of an API error. */
export function describe(err: unknown): string {
    if (err instanceof ClientError) {
        return `${err.status_code} ${err.server_error_id ?? ''} ${err.message} (${err.url ?? ''})`;
    }
    return err instanceof Error ? err.message : String(err);
}

async function logIn(siteURL: string, person: Person): Promise<Login | undefined> {
    const client = anonymousClient(siteURL);
    try {
        const user = await client.login(person.username, person.password);
        return {id: user.id, username: user.username, password: person.password, token: client.getToken()};
    } catch (err) {
        // 401: no such user (or wrong password, which a second create will report clearly).
        if (statusOf(err) === 401) {
            return undefined;
        }
        throw new Error(`logging in ${person.username}: ${describe(err)}`);
    }
}

async function ensureUser(siteURL: string, creator: Client4, person: Person): Promise<Login> {
    const existing = await logIn(siteURL, person);
    if (existing) {
        return existing;
    }
    try {
        await creator.createUser({...person} as UserProfile, '', '');
    } catch (err) {
        throw new Error(`creating user ${person.username}: ${describe(err)}`);
    }
    const created = await logIn(siteURL, person);
    if (!created) {
        throw new Error(`user ${person.username} was created but cannot log in`);
    }
    return created;
}

async function getOr<T>(get: () => Promise<T>, create: () => Promise<T>, what: string): Promise<T> {
    try {
        return await get();
    } catch (err) {
        if (statusOf(err) !== 404) {
            throw new Error(`looking up ${what}: ${describe(err)}`);
        }
    }
    try {
        return await create();
    } catch (err) {
        throw new Error(`creating ${what}: ${describe(err)}`);
    }
}

function named(x: {id: string; name: string}): Named {
    return {id: x.id, name: x.name};
}

/** Seeds (or finds) the admin, two users, a team and its channels; returns them with fresh tokens. */
export async function seed(siteURL: string): Promise<Omit<Stack, 'botUserId'>> {
    // The first account on a server becomes its system admin; open server lets it sign up.
    const admin = await ensureUser(siteURL, anonymousClient(siteURL), people.admin);
    const adminClient = anonymousClient(siteURL);
    adminClient.setToken(admin.token);
    const me = await adminClient.getMe();
    if (!me.roles.split(' ').includes('system_admin')) {
        throw new Error(`${admin.username} is not a system admin (roles: ${me.roles}); was the database fresh?`);
    }
    const user1 = await ensureUser(siteURL, adminClient, people.user1);
    const user2 = await ensureUser(siteURL, adminClient, people.user2);

    const team = await getOr<Team>(
        () => adminClient.getTeamByName(places.team.name),
        () => adminClient.createTeam({...places.team, type: 'O'} as Team),
        `team ${places.team.name}`,
    );
    for (const login of [admin, user1, user2]) {
        await adminClient.addToTeam(team.id, login.id);
    }

    const channel = (spec: {name: string; display_name: string}, type: 'O' | 'P'): Promise<Channel> => getOr<Channel>(
        () => adminClient.getChannelByName(team.id, spec.name),
        () => adminClient.createChannel({...spec, type, team_id: team.id}),
        `channel ${spec.name}`,
    );
    const publicChannel = await channel(places.public, 'O');
    const privateChannel = await channel(places.private, 'P');
    await adminClient.addToChannel(user1.id, publicChannel.id);
    await adminClient.addToChannel(user2.id, publicChannel.id);
    await adminClient.addToChannel(user1.id, privateChannel.id);
    const town = await adminClient.getChannelByName(team.id, places.town.name);

    return {
        siteURL,
        admin,
        user1,
        user2,
        team: named(team),
        channels: {town: named(town), public: named(publicChannel), private: named(privateChannel)},
    };
}
