// The plugin's settings as an admin changes them: through GET/PUT /api/v4/config, the way the
// System Console saves them. Tests that change settings put the old ones back afterwards.
//
// A save has reached the plugin when it returns: Mattermost's config store calls its listeners
// inside the save, and the plugins' listener runs each plugin's OnConfigurationChange there
// (one server, as here). So a test asserts a permission once, right after the save, and never
// retries a refusal until it shows up (a retry could hide an allow that should not happen).
// tests/server/harness.test.ts checks this premise.
import type {Client4} from '@mattermost/client';
import type {AdminConfig} from '@mattermost/types/config';

export const pluginId = 'channel-todo';

/** The plugin's section of PluginSettings.Plugins (lower-case keys, as Mattermost stores them). */
export type PluginSettings = Record<string, unknown>;

/** The plugin's settings inside a server config (empty when none were saved yet). */
export function pluginSettings(config: AdminConfig): PluginSettings {
    return (config.PluginSettings.Plugins[pluginId] ?? {}) as PluginSettings;
}

/** A copy of the plugin's settings as the server has them now. */
export async function currentSettings(admin: Client4): Promise<PluginSettings> {
    return {...pluginSettings(await admin.getConfig())};
}

/** Saves the given settings over the current ones; the others keep their values. */
export async function saveSettings(admin: Client4, settings: PluginSettings): Promise<void> {
    const config = await admin.getConfig();
    config.PluginSettings.Plugins[pluginId] = {...pluginSettings(config), ...settings};
    await admin.updateConfig(config);
}

/** Replaces the plugin's settings with exactly these (to put back what currentSettings read). */
export async function replaceSettings(admin: Client4, settings: PluginSettings): Promise<void> {
    const config = await admin.getConfig();
    config.PluginSettings.Plugins[pluginId] = settings;
    await admin.updateConfig(config);
}

/**
 * Changes settings for the duration of fn, then restores the ones from before, even if fn
 * fails. Both saves are in effect in the plugin when they return (see above).
 */
export async function withSettings(admin: Client4, settings: PluginSettings, fn: () => Promise<void>): Promise<void> {
    const original = await currentSettings(admin);
    await saveSettings(admin, settings);
    try {
        await fn();
    } finally {
        await replaceSettings(admin, original);
    }
}
