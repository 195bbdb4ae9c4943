// Waiting for the real server to catch up: a setting reaches the plugin through
// OnConfigurationChange, and the bot answers a post from a hook, both after the request returned.

/**
 * Retries an assertion until it holds or the deadline passes, then fails with the assertion's
 * own error. The deadline only bounds a wait; it is not a speed check.
 */
export async function eventually(check: () => Promise<void>, deadlineMs = 20_000): Promise<void> {
    const end = Date.now() + deadlineMs;
    for (;;) {
        try {
            await check();
            return;
        } catch (err) {
            if (Date.now() > end) {
                throw err;
            }
            await new Promise((r) => setTimeout(r, 200));
        }
    }
}
