// A held load on one server (issue 14.5), small: writers and readers at once for a few seconds.
// No request fails, every acknowledged add is stored once, the lists' counters agree and the
// database connections stay within Mattermost's pool. `make soak` runs 64 + 64 for 5 minutes
// on a server of its own (soak/soak.ts) and prints the figures.
import {recordFigure} from '../../harness/figures';
import {maxOpenConns} from '../../harness/mm_server';
import {createScratchChannel} from '../../harness/scratch_channel';
import {clientFor, loadState} from '../../harness/stack';
import {formatReport, runLoad} from '../../soak/load';

test('8 writers and 8 readers for 10 s: no error, nothing lost, connections within the cap', async () => {
    const stack = loadState();
    const admin = clientFor(stack.admin, stack.siteURL);
    const channelIds: string[] = [];
    for (let i = 0; i < 2; i++) {
        channelIds.push((await createScratchChannel(admin, stack.team.id, 'O', [stack.user1.id, stack.user2.id], `load-${i}`)).id);
    }
    const opts = {writers: 8, readers: 8, seconds: 10, channelIds};
    const report = await runLoad(stack, opts, maxOpenConns);
    expect([...report.errors]).toEqual([]);
    expect(report.acknowledgedAdds).toBeGreaterThan(0);
    expect(report.lost).toEqual([]);
    expect(report.inconsistent).toEqual([]);
    expect(report.maxConnections).toBeLessThanOrEqual(report.connectionCap);
    process.stderr.write(`${formatReport(opts, report)}\n`);
    recordFigure('load quick', `${report.requests} requests, ${report.errors.size} kinds of error, ${report.acknowledgedAdds} adds acknowledged, ${report.lost.length} lost or doubled, at most ${report.maxConnections} database connections (cap ${report.connectionCap})`, false);
}, 60_000);
