// `make soak` (issue 14): every long reliability run in turn, then one table of what each showed.
//
//   1. the reliability tests at soak size (CHANNEL_TODO_SOAK=1): two servers, a crash, an
//      upgrade, a replica, PostgreSQL and the plugin restarted under load, the tool's data
//      directory full and read-only;
//   2. the held load (soak.ts): 64 writers + 64 readers for 5 minutes on a server of its own;
//   3. the fuzz tests, 10 minutes each.
//
// A step that fails does not stop the others: the table says which failed and the exit status is
// non-zero. Each step's output goes to the terminal as it runs and to a log in the run directory
// (e2e/.run/soak-run/<time>/), which the table names. The figures come from the tests themselves
// (harness/figures.ts), from the load's report and from go test's fuzzing lines.
//
// Environment: CHANNEL_TODO_BUNDLE (the bundle under test), SOAK_FUZZTIME (10m), SOAK_SECONDS
// (300), SOAK_WRITERS and SOAK_READERS (64 each), GO (go). SOAK_QUICK=1 runs the reliability
// tests at `make test`'s size: with a short fuzz time and load, a check of this driver itself
// (`make soak SOAK_QUICK=1 SOAK_FUZZTIME=5s SOAK_SECONDS=20`, a few minutes).
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {readFigures, type Figure} from '../harness/figures';
import {repoRoot, runRoot} from '../harness/paths';
import {psql} from '../harness/postgres';

interface StepResult {
    name: string;
    code: number;
    seconds: number;
    /** 1-, 5- and 15-minute load averages when the step ended. */
    loadAfter: number[];
    output: string;
    log: string;
}

const stamp = new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14);
const runDir = path.join(runRoot, 'soak-run', stamp);
const figuresFile = path.join(runDir, 'figures.jsonl');
const go = process.env.GO ?? 'go';
const fuzzTime = process.env.SOAK_FUZZTIME ?? '10m';
const loadSeconds = process.env.SOAK_SECONDS ?? '300';
const writers = process.env.SOAK_WRITERS ?? '64';
const readers = process.env.SOAK_READERS ?? '64';
const quick = process.env.SOAK_QUICK === '1';

/** What the fuzzing step runs: package and anchored test name. */
const fuzzTargets: Array<[string, string]> = [
    ['./server/command', 'FuzzParse'],
    ['./server/command', 'FuzzParseAddLine'],
    ['./server/bridge', 'FuzzToolOutput'],
    ['./server/api', 'FuzzRequestBodies'],
];

function say(line: string): void {
    process.stderr.write(`[make soak] ${line}\n`);
}

/** Runs one step, its output shown and logged; resolves with its exit status, never rejects. */
function runStep(name: string, command: string, args: string[], env: Record<string, string> = {}): Promise<StepResult> {
    const log = path.join(runDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.log`);
    const out = fs.openSync(log, 'w');
    say(`${name}: ${[command, ...args].join(' ')} (log ${path.relative(repoRoot, log)})`);
    const start = performance.now();
    let output = '';
    return new Promise((resolve) => {
        const child = spawn(command, args, {cwd: repoRoot, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
        const take = (into: NodeJS.WriteStream) => (chunk: Buffer) => {
            into.write(chunk);
            fs.writeSync(out, chunk);
            // Enough of the end to read the figures from; the log holds it all.
            output = (output + chunk.toString('utf8')).slice(-200_000);
        };
        child.stdout.on('data', take(process.stdout));
        child.stderr.on('data', take(process.stderr));
        const finish = (code: number) => {
            fs.closeSync(out);
            resolve({name, code, seconds: (performance.now() - start) / 1000, loadAfter: os.loadavg(), output, log});
        };
        child.on('error', (err) => {
            output += `\n${err.message}`;
            finish(127);
        });
        child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
    });
}

function git(...args: string[]): string {
    return execFileSync('git', args, {cwd: repoRoot, encoding: 'utf8'}).trim();
}

function machine(): string[] {
    const cpus = os.cpus();
    const pg = (() => {
        try {
            return psql('SHOW server_version').split(' ')[0];
        } catch {
            return 'unknown';
        }
    })();
    const goVersion = (() => {
        try {
            return execFileSync(go, ['env', 'GOVERSION'], {encoding: 'utf8'}).trim();
        } catch {
            return 'unknown';
        }
    })();
    const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : '';
    return [
        `Commit ${git('rev-parse', '--short', 'HEAD')}${dirty}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}; PostgreSQL ${pg}, ${goVersion}, Node ${process.version}`,
    ];
}

function load(l: number[]): string {
    return l.map((x) => x.toFixed(1)).join(' / ');
}

/** Jest's --json report, trimmed to what the table needs. */
interface JestReport {
    testResults: Array<{
        name: string;
        status: string;
        message: string;
        assertionResults: Array<{title: string; status: string; duration?: number | null}>;
    }>;
}

/** A row of the table: a scenario of issue 14 and the tests that exercise it. */
interface Row {
    label: string;
    scenario: string;
    file: string;
    title?: RegExp;
}

const reliabilityRows: Row[] = [
    {label: 'Two servers on one database', scenario: 'two servers', file: 'two_servers'},
    {label: 'Reminders through two servers', scenario: 'reminders', file: 'reminders_two_servers'},
    {label: 'SIGKILL under write load', scenario: 'crash', file: 'crash'},
    {label: 'Upgrade with data; downgrade refused', scenario: 'upgrade', file: 'upgrade'},
    {label: 'A streaming read replica', scenario: 'replica', file: 'database', title: /replica/},
    {label: 'PostgreSQL restarted under load', scenario: 'database restart', file: 'database', title: /PostgreSQL restarted/},
    {label: 'Plugin disabled and enabled under load', scenario: 'plugin restart', file: 'plugin_restart'},
    {label: 'Tool data directory full, read-only', scenario: 'tool faults', file: 'tool_faults'},
    {label: 'Load, quick size (8 + 8 for 10 s)', scenario: 'load quick', file: 'load'},
];

function cell(text: string): string {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function reliabilityTable(step: StepResult, jsonFile: string, figures: Figure[]): string[] {
    let report: JestReport | undefined;
    try {
        report = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as JestReport;
    } catch {
        return [`| Reliability tests | did not report (jest exited ${step.code}; see ${path.relative(repoRoot, step.log)}) | | |`];
    }
    const fileOf = (name: string) => path.basename(name).replace(/\.test\.ts$/, '');
    const rows = [...reliabilityRows];
    // A test file the rows do not know still gets a row of its own.
    for (const r of report.testResults) {
        if (!rows.some((row) => row.file === fileOf(r.name))) {
            rows.push({label: fileOf(r.name), scenario: fileOf(r.name), file: fileOf(r.name)});
        }
    }
    return rows.map((row) => {
        const result = report!.testResults.find((r) => fileOf(r.name) === row.file);
        if (!result) {
            return `| ${row.label} | ${row.file}.test.ts | NOT RUN | |`;
        }
        const tests = result.assertionResults.filter((a) => !row.title || row.title.test(a.title));
        const passed = tests.filter((a) => a.status === 'passed').length;
        const failedTitles = tests.filter((a) => a.status !== 'passed').map((a) => a.title);
        let verdict: string;
        if (tests.length === 0) {
            verdict = `FAILED: ${cell(result.message.split('\n').find((l) => l.trim()) ?? result.status).slice(0, 200)}`;
        } else if (failedTitles.length) {
            verdict = `FAILED ${failedTitles.length} of ${tests.length}: ${cell(failedTitles.join('; '))}`;
        } else {
            verdict = `passed ${passed} of ${tests.length}`;
        }
        const said = figures.filter((f) => f.scenario === row.scenario).map((f) => cell(f.text)).join('; ');
        return `| ${row.label} | ${row.file}.test.ts | ${verdict} | ${said} |`;
    });
}

function fuzzRow(step: StepResult, target: string): string {
    // go test -fuzz prints "fuzz: elapsed: 10m0s, execs: 123456 (205/sec), new interesting: ..."
    const progress = [...step.output.matchAll(/fuzz: elapsed: (\S+), execs: (\d+) \((\d+)\/sec\)/g)].pop();
    const crasher = /Failing input written to (\S+)/.exec(step.output)?.[1];
    // A short fuzz time on a busy machine can end while go test still gathers the baseline.
    const figures = progress ? `${Number(progress[2]).toLocaleString('en-US')} runs in ${progress[1].replace(/,$/, '')}` : 'ended before go test reported any runs';
    let verdict = step.code === 0 ? 'passed, no crasher' : `FAILED (exit ${step.code})`;
    if (crasher) {
        verdict = `CRASHER kept as a seed in ${crasher}: commit it`;
    }
    return `| Fuzz ${target} | go test -fuzz='^${target}$' -fuzztime=${fuzzTime} | ${verdict} | ${figures}; load average after ${load(step.loadAfter)} |`;
}

async function main(): Promise<void> {
    fs.mkdirSync(runDir, {recursive: true});
    const header = machine();
    const loadBefore = os.loadavg();
    const steps: StepResult[] = [];

    const jestJson = path.join(runDir, 'reliability.json');
    const reliability = await runStep('reliability tests', 'npx', [
        'jest', '-c', 'e2e/jest.config.js', '--runInBand', '--json', `--outputFile=${jestJson}`, 'e2e/tests/reliability',
    ], {CHANNEL_TODO_SOAK: quick ? '' : '1', CHANNEL_TODO_FIGURES: figuresFile});
    steps.push(reliability);

    const held = await runStep('held load', 'npx', [
        'tsx', 'e2e/soak/soak.ts', '--writers', writers, '--readers', readers, '--seconds', loadSeconds,
    ], {CHANNEL_TODO_FIGURES: figuresFile});
    steps.push(held);

    const fuzz: Array<[StepResult, string]> = [];
    for (const [pkg, target] of fuzzTargets) {
        const step = await runStep(`fuzz ${target}`, go, ['test', pkg, '-run', '^$', `-fuzz=^${target}$`, `-fuzztime=${fuzzTime}`]);
        steps.push(step);
        fuzz.push([step, target]);
    }

    const figures = readFigures(figuresFile);
    const loadTable = figures.filter((f) => f.scenario === 'load table').map((f) => f.text);
    const loadSummary = figures.filter((f) => f.scenario === 'load').map((f) => cell(f.text)).join('; ');
    const lines = [
        '',
        `## make soak${quick ? ' (SOAK_QUICK: the reliability tests at make test\'s size)' : ''}`,
        '',
        ...header.map((l) => `${l}  `),
        `Load average (1 / 5 / 15 min): ${load(loadBefore)} at the start; after the reliability tests ${load(reliability.loadAfter)}, after the held load ${load(held.loadAfter)}, at the end ${load(os.loadavg())}. Logs: ${path.relative(repoRoot, runDir)}/`,
        '',
        '| Scenario | Run | Result | Figures |',
        '|---|---|---|---|',
        ...reliabilityTable(reliability, jestJson, figures),
        `| Load held: ${writers} writers + ${readers} readers for ${loadSeconds} s | soak/soak.ts | ${held.code === 0 ? 'passed' : `FAILED (exit ${held.code})`} | ${loadSummary || 'no figures'} |`,
        ...fuzz.map(([step, target]) => fuzzRow(step, target)),
        '',
        ...(loadTable.length ? loadTable : ['(the held load printed no table)']),
        '',
        `Steps: ${steps.map((s) => `${s.name} ${Math.round(s.seconds)} s${s.code ? ' (FAILED)' : ''}`).join(', ')}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const failed = steps.filter((s) => s.code !== 0);
    if (failed.length) {
        say(`failed: ${failed.map((s) => s.name).join(', ')}`);
        process.exit(1);
    }
}

main().catch((err: unknown) => {
    say(`stopped: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
});
