// Builds the pinned Mattermost server from the Go module proxy and caches it by pin.
//
// The wrapper module e2e/mmserver requires server/v8 and server/public at one commit. The
// binary and the resource folders it reads at run time (i18n/, templates/, fonts/) are copied
// into <cache>/mattermost/<server/v8 version>/, which the server finds beside its executable.
// A stamp file holds the hash of the wrapper's go.mod, go.sum and pin.go: when they change,
// the next run rebuilds; when they do not, nothing is built.
import {execFileSync, spawnSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import {cacheDir, mmModuleDir} from './paths';

/** A built, runnable Mattermost server. */
export interface MattermostBuild {
    /** The server executable. */
    binary: string;
    /** Directory holding the executable and i18n/, templates/, fonts/. */
    dir: string;
    /** The pinned github.com/mattermost/mattermost/server/v8 version. */
    version: string;
    /** True when this call compiled the server (false: served from the cache). */
    built: boolean;
}

/** The pin as read from the wrapper module. */
export interface Pin {
    v8: string;
    public: string;
    /** Hash of go.mod, go.sum and pin.go: the cache key. */
    hash: string;
}

const v8Module = 'github.com/mattermost/mattermost/server/v8';
const publicModule = 'github.com/mattermost/mattermost/server/public';
const resourceDirs = ['i18n', 'templates', 'fonts'];
const stampName = 'pin.sha256';

/** The environment every go command in the wrapper module needs. */
export function goEnv(): NodeJS.ProcessEnv {
    return {
        ...process.env,
        // The checksum database does not know the pinned pseudo-versions; go.sum is committed.
        GONOSUMDB: 'github.com/mattermost/mattermost',
        // cmd/mattermost reaches a build-tagged import of a private module, so the wrapper is
        // never tidied; -mod=mod lets go resolve what go.sum already records.
        GOFLAGS: '-mod=mod',
    };
}

function goBinary(): string {
    return process.env.GO ?? 'go';
}

/** Reads the pinned versions and the cache key from the wrapper module. */
export function readPin(): Pin {
    const goMod = fs.readFileSync(path.join(mmModuleDir, 'go.mod'), 'utf8');
    const version = (mod: string): string => {
        const escaped = mod.replace(/[.]/g, '\\.');
        const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
        if (!match) {
            throw new Error(`e2e/mmserver/go.mod does not require ${mod}`);
        }
        return match[1];
    };
    const hash = crypto.createHash('sha256');
    for (const name of ['go.mod', 'go.sum', 'pin.go']) {
        hash.update(name);
        hash.update(fs.readFileSync(path.join(mmModuleDir, name)));
    }
    return {v8: version(v8Module), public: version(publicModule), hash: hash.digest('hex')};
}

/** Directory of the cached build for a pin. */
export function buildDir(pin: Pin): string {
    return path.join(cacheDir(), 'mattermost', pin.v8);
}

function binaryName(): string {
    return process.platform === 'win32' ? 'mattermost.exe' : 'mattermost';
}

/** Returns the cached build for the current pin, or undefined when it must be built. */
export function cachedBuild(pin: Pin = readPin()): MattermostBuild | undefined {
    const dir = buildDir(pin);
    const binary = path.join(dir, binaryName());
    try {
        const stamp = fs.readFileSync(path.join(dir, stampName), 'utf8').trim();
        if (stamp !== pin.hash || !fs.existsSync(binary)) {
            return undefined;
        }
        if (!resourceDirs.every((d) => fs.existsSync(path.join(dir, d)))) {
            return undefined;
        }
    } catch {
        return undefined;
    }
    return {binary, dir, version: pin.v8, built: false};
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

// A lock directory keeps two runs (say `make server` and `make test`) from building into the
// same cache directory at once. A lock older than the stale limit is from a crashed run.
async function withLock<T>(lockPath: string, fn: () => Promise<T> | T): Promise<T> {
    const staleMs = 30 * 60 * 1000;
    fs.mkdirSync(path.dirname(lockPath), {recursive: true});
    for (;;) {
        try {
            fs.mkdirSync(lockPath);
            break;
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
                throw err;
            }
            const age = Date.now() - fs.statSync(lockPath).mtimeMs;
            if (age > staleMs) {
                fs.rmSync(lockPath, {recursive: true, force: true});
                continue;
            }
            await sleep(2000);
        }
    }
    try {
        return await fn();
    } finally {
        fs.rmSync(lockPath, {recursive: true, force: true});
    }
}

/** The directory of the server/v8 module in the Go module cache (downloads it if needed). */
export function moduleSourceDir(): string {
    return execFileSync(goBinary(), ['list', '-m', '-f', '{{.Dir}}', v8Module], {
        cwd: mmModuleDir,
        env: goEnv(),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
}

function build(pin: Pin, log: (line: string) => void): MattermostBuild {
    const dir = buildDir(pin);
    fs.mkdirSync(dir, {recursive: true});
    fs.rmSync(path.join(dir, stampName), {force: true});

    const binary = path.join(dir, binaryName());
    const partial = `${binary}.partial`;
    log(`building Mattermost ${pin.v8} (server/public ${pin.public}) into ${dir}; a cold build takes minutes`);
    const result = spawnSync(goBinary(), ['build', '-trimpath', '-o', partial, `${v8Module}/cmd/mattermost`], {
        cwd: mmModuleDir,
        env: goEnv(),
        stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.error) {
        throw new Error(`go build of Mattermost could not start (is Go installed? set GO=...): ${result.error.message}`);
    }
    if (result.status !== 0) {
        throw new Error(`go build of Mattermost ${pin.v8} failed with status ${result.status}`);
    }
    fs.renameSync(partial, binary);

    const source = moduleSourceDir();
    for (const d of resourceDirs) {
        const target = path.join(dir, d);
        fs.rmSync(target, {recursive: true, force: true});
        fs.cpSync(path.join(source, d), target, {recursive: true});
        // Files from the module cache are read-only; keep the cache removable.
        makeWritable(target);
    }
    fs.writeFileSync(path.join(dir, stampName), `${pin.hash}\n`);
    return {binary, dir, version: pin.v8, built: true};
}

function makeWritable(p: string): void {
    const stat = fs.statSync(p);
    fs.chmodSync(p, stat.mode | 0o200);
    if (stat.isDirectory()) {
        for (const entry of fs.readdirSync(p)) {
            makeWritable(path.join(p, entry));
        }
    }
}

/**
 * Returns the pinned Mattermost server, building it first when the cache has no build for the
 * current pin. Safe to call from concurrent runs.
 */
export async function ensureMattermost(log: (line: string) => void = console.log): Promise<MattermostBuild> {
    const pin = readPin();
    const hit = cachedBuild(pin);
    if (hit) {
        return hit;
    }
    return withLock(`${buildDir(pin)}.lock`, () => cachedBuild(pin) ?? build(pin, log));
}
