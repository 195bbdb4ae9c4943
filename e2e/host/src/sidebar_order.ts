// The order of the channel sidebar (the host's left-hand list): the team's channels by
// name, then direct and group messages by name. The shortcuts walk the same order.
import type {Channel} from '@mattermost/types/channels';

import {channelLabel} from './session';
import type {HostState} from './store';

export type SidebarEntry = Channel & {label: string};

export function sidebarOrder(state: HostState): SidebarEntry[] {
    const {channels, channelsInTeam} = state.entities.channels;
    const teamId = state.entities.teams.currentTeamId;
    const label = (c: Channel): SidebarEntry => ({...c, label: channelLabel(c, state)});
    const byLabel = (a: SidebarEntry, b: SidebarEntry) => a.label.localeCompare(b.label);
    const own = (channelsInTeam[teamId] ?? []).map((id) => channels[id]).filter(Boolean).map(label).sort(byLabel);
    const direct = (channelsInTeam[''] ?? []).map((id) => channels[id]).filter(Boolean).map(label).sort(byLabel);
    return [...own, ...direct];
}
