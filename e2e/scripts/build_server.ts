// Builds (or finds in the cache) the pinned Mattermost server and prints where it is.
// Usage: npx tsx e2e/scripts/build_server.ts
import {ensureMattermost} from '../harness/mm_build';

async function main(): Promise<void> {
    const started = Date.now();
    const build = await ensureMattermost((line) => console.error(line));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.error(`Mattermost ${build.version}: ${build.built ? `built in ${seconds}s` : 'cached'}`);
    console.log(build.binary);
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
