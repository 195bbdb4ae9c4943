// Figures a reliability test measured (how many requests, how many refused, how many stored),
// for the table `make soak` prints at the end (soak/run_soak.ts). Each goes to the test's
// output; under `make soak` also, one JSON line each, to the file CHANNEL_TODO_FIGURES names,
// which the soak's driver reads back. Figures are reported, never asserted as speeds.
import fs from 'node:fs';

/** One measured figure of a scenario. */
export interface Figure {
    /** The scenario, as the soak table names it (e.g. "crash"). */
    scenario: string;
    text: string;
}

/** Reports a figure of `scenario`; `echo` false keeps it out of the output (printed otherwise). */
export function recordFigure(scenario: string, text: string, echo = true): void {
    if (echo) {
        process.stderr.write(`[${scenario}] ${text}\n`);
    }
    const file = process.env.CHANNEL_TODO_FIGURES;
    if (file) {
        fs.appendFileSync(file, `${JSON.stringify({scenario, text} satisfies Figure)}\n`);
    }
}

/** The figures recorded in `file`, in order; none when it does not exist. */
export function readFigures(file: string): Figure[] {
    if (!fs.existsSync(file)) {
        return [];
    }
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Figure);
}
