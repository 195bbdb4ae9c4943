// Loads the server's webapp plugins the way the web client does: ask the server
// which bundles exist (/api/v4/plugins/webapp), add each as a script, and when the
// script calls window.registerPlugin, initialize it with its own registry and the
// shared store. Plugins the server enables or disables later (the plugin_enabled and
// plugin_disabled WebSocket events) are loaded or removed while the page runs.
import type {Client4} from '@mattermost/client';
import type {ClientPluginManifest} from '@mattermost/types/plugins';

import type {ClientPlugin, ClientStore} from '../../../webapp/src/types/client_registry';

import {PluginRegistry} from './registry';
import type {Registrations$} from './registry';
import {basename} from './routes';
import type {HostStore} from './store';

export type PluginStatus = {
    id: string;
    version: string;
    state: 'loading' | 'loaded' | 'failed';
    error?: string;
};

declare global {
    interface Window {
        registerPlugin: (id: string, plugin: ClientPlugin) => void;
    }
}

export class PluginLoader {
    private instances = new Map<string, ClientPlugin>();
    private registered = new Set<string>();
    readonly statuses = new Map<string, PluginStatus>();

    constructor(
        private readonly client: Client4,
        private readonly store: HostStore,
        private readonly registrations: Registrations$,
        private readonly onChange: () => void,
    ) {
        window.registerPlugin = (id, plugin) => {
            const registry = new PluginRegistry(id, this.registrations, this.store);
            this.instances.set(id, plugin);
            this.registered.add(id);

            // As in the client: initialize is called right here and not awaited. What
            // it throws leaves through the plugin's own script, uncaught (the page
            // sees an error event, the rest of the plugin's setup is lost), and a
            // promise it returns is dropped.
            plugin.initialize?.(registry, this.store as unknown as ClientStore);
        };
    }

    /** Loads every webapp plugin the server has enabled; failures are reported, not thrown. */
    async loadAll(): Promise<PluginStatus[]> {
        const manifests = await this.client.getWebappPlugins();
        await Promise.all(manifests.map((m) => this.load(m)));
        return [...this.statuses.values()];
    }

    async load(manifest: ClientPluginManifest): Promise<void> {
        const {id, version} = manifest;
        if (this.instances.has(id)) {
            this.remove(id);
        }
        this.setStatus({id, version, state: 'loading'});
        this.registered.delete(id);
        try {
            await addScript(bundleURL(manifest.webapp.bundle_path), id);
            if (!this.registered.has(id)) {
                throw new Error(`the bundle of ${id} did not call window.registerPlugin('${id}', ...)`);
            }
            this.setStatus({id, version, state: 'loaded'});
        } catch (err) {
            const error = err instanceof Error ? err.message : String(err);
            console.error(`plugin ${id} failed to load: ${error}`);
            this.setStatus({id, version, state: 'failed', error});
        }
    }

    /** Calls the plugin's uninitialize and drops everything it registered (the client's removePlugin). */
    remove(id: string): void {
        const plugin = this.instances.get(id);
        this.instances.delete(id);
        this.registrations.removePlugin(id);
        document.querySelectorAll(`script[data-plugin-id="${CSS.escape(id)}"]`).forEach((s) => s.remove());
        plugin?.uninitialize?.();
        this.statuses.delete(id);
        this.onChange();
    }

    private setStatus(status: PluginStatus): void {
        this.statuses.set(status.id, status);
        this.onChange();
    }
}

// The server's manifest names /static/<id>/<file>, but it serves plugin bundles
// from /static/plugins/<id>/<file>; the web client rewrites the path the same way,
// and puts the subpath in front.
export function bundleURL(bundlePath: string): string {
    let path = bundlePath;
    if (path.includes('/static/') && !path.includes('/static/plugins/')) {
        path = path.replace('/static/', '/static/plugins/');
    }
    return `${basename()}${path}`;
}

function addScript(src: string, pluginId: string): Promise<void> {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.async = true;
        script.dataset.pluginId = pluginId;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.appendChild(script);
    });
}
