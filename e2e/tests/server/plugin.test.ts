// The plugin as an admin installed it: uploaded, enabled and running on a real server, with its
// bot and its webapp bundle served where Mattermost's web client would fetch it.
import {execFileSync} from 'node:child_process';
import crypto from 'node:crypto';

import {PluginState} from '../../harness/plugin';
import {clientFor, loadState} from '../../harness/stack';
import {webappBundleURL} from '../../harness/webapp_bundle';
import {openScene} from '../../harness/scene';

const pluginId = 'channel-todo';

const {stack, admin} = openScene();

describe('the installed plugin', () => {
    test('is running', async () => {
        const statuses = await admin.getPluginStatuses();
        const status = statuses.find((s) => s.plugin_id === pluginId);
        expect(status).toBeDefined();
        expect(status?.state).toBe(PluginState.Running);
    });

    test('is listed as active with the manifest from the bundle', async () => {
        const plugins = await admin.getPlugins();
        const active = plugins.active.find((m) => m.id === pluginId);
        expect(active).toBeDefined();
        expect(active?.name).toBe('Channel Todo');
        expect(plugins.inactive.find((m) => m.id === pluginId)).toBeUndefined();
    });
});

describe('the bot', () => {
    test('exists as the user @todo and is a bot owned by the plugin', async () => {
        const user = await admin.getUserByUsername('todo');
        expect(user.id).toBe(stack.botUserId);
        expect(user.is_bot).toBe(true);

        const bot = await admin.getBot(user.id);
        expect(bot.username).toBe('todo');
        expect(bot.owner_id).toBe(pluginId);
        expect(bot.display_name).not.toBe('');
        expect(bot.delete_at).toBe(0);
    });
});

// What Mattermost's web client does: read the manifests of plugins with a webapp, then load
// each bundle from the path the server gives (rewritten under /static/plugins/).
describe('the webapp bundle', () => {
    test('is served by the server, byte for byte the main.js in the uploaded bundle', async () => {
        const user = clientFor(stack.user1);
        const manifests = await user.getWebappPlugins();
        const manifest = manifests.find((m) => m.id === pluginId);
        expect(manifest).toBeDefined();
        const url = webappBundleURL(stack.siteURL, manifest?.webapp?.bundle_path ?? '');
        expect(url).toMatch(new RegExp(`^${stack.siteURL}/static/plugins/${pluginId}/${pluginId}_[0-9a-f]+_bundle\\.js$`));

        const res = await fetch(url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type') ?? '').toMatch(/javascript/);
        const served = Buffer.from(await res.arrayBuffer());

        const uploaded = execFileSync('tar', ['-xzOf', loadState().bundle, `${pluginId}/webapp/dist/main.js`], {maxBuffer: 64 * 1024 * 1024});
        const sha = (b: Buffer): string => crypto.createHash('sha256').update(b).digest('hex');
        expect(served.length).toBeGreaterThan(0);
        expect(sha(served)).toBe(sha(uploaded));
        expect(served.toString('utf8')).toContain('registerPlugin');
    });
});
