// The previous release's plugin bundle, built from this repository's own history, for the
// upgrade test (issue 14.3): data written by it must survive today's bundle.
//
// The previous release is the last commit of the first development round, the one that first
// shipped the database schema (migration 0001 only; 0002 and 0003 came later). Its tree is
// taken with `git archive` (nothing is checked out in the repository), its Go server part is
// built for linux-amd64 and its webapp with this checkout's node_modules (the webapp's
// dependencies have not changed since). The bundle is cached by commit under the cache
// directory, so it is built once per machine.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {cacheDir, repoRoot} from './paths';

/** The commit of the previous release. */
export const previousReleaseCommit = 'bd1d9e80347b97094dc15a285a862c3f30d3c6e4';

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
    try {
        execFileSync(cmd, args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024});
    } catch (err) {
        const e = err as {stderr?: Buffer; stdout?: Buffer; message: string};
        throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed: ${e.message}\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
    }
}

/** Builds (once) and returns the path of the previous release's bundle. */
export function previousReleaseBundle(log: (line: string) => void = console.log): string {
    const dir = path.join(cacheDir(), 'previous-release', previousReleaseCommit);
    const bundle = path.join(dir, 'channel-todo-previous.tar.gz');
    if (fs.existsSync(bundle)) {
        return bundle;
    }
    try {
        execFileSync('git', ['cat-file', '-e', `${previousReleaseCommit}^{commit}`], {cwd: repoRoot, stdio: 'ignore'});
    } catch {
        throw new Error(`the previous release ${previousReleaseCommit} is not in this clone's history (a shallow clone?): fetch it with \`git fetch --unshallow\``);
    }
    log(`building the previous release's bundle from ${previousReleaseCommit.slice(0, 12)} (once; cached in ${dir})`);
    fs.mkdirSync(dir, {recursive: true});
    const work = fs.mkdtempSync(path.join(dir, 'build-'));
    try {
        const src = path.join(work, 'src');
        fs.mkdirSync(src);
        execFileSync('sh', ['-c', `git archive --format=tar ${previousReleaseCommit} | tar -x -C "$1"`, 'sh', src], {cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe']});
        const root = path.join(work, 'stage', 'channel-todo');
        fs.mkdirSync(path.join(root, 'server', 'dist'), {recursive: true});
        fs.mkdirSync(path.join(root, 'webapp', 'dist'), {recursive: true});
        run(process.env.GO ?? 'go', ['build', '-trimpath', '-o', path.join(root, 'server', 'dist', 'plugin-linux-amd64'), './server'], src,
            {...process.env, CGO_ENABLED: '0', GOOS: 'linux', GOARCH: 'amd64', GOFLAGS: '-mod=mod'});
        fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(src, 'node_modules'));
        run(path.join(repoRoot, 'node_modules', '.bin', 'webpack'), ['--mode=production'], path.join(src, 'webapp'));
        fs.copyFileSync(path.join(src, 'plugin.json'), path.join(root, 'plugin.json'));
        fs.cpSync(path.join(src, 'assets'), path.join(root, 'assets'), {recursive: true});
        fs.copyFileSync(path.join(src, 'webapp', 'dist', 'main.js'), path.join(root, 'webapp', 'dist', 'main.js'));
        const partial = `${bundle}.partial`;
        run('tar', ['-C', path.join(work, 'stage'), '-czf', partial, 'channel-todo'], work);
        fs.renameSync(partial, bundle);
    } finally {
        fs.rmSync(work, {recursive: true, force: true});
    }
    return bundle;
}
