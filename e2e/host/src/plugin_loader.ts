// Loads the server's webapp plugins the way the web client does: ask the server
// which bundles exist (/api/v4/plugins/webapp), add each as a script, and when the
// script calls window.registerPlugin, initialize it with its own registry and the
// shared store.
import type {Client4} from '@mattermost/client';
import type {ClientPluginManifest} from '@mattermost/types/plugins';

import {PluginRegistry} from './registry';
import type {Registrations$} from './registry';
import type {HostStore} from './store';

export type Plugin = {
    initialize?: (registry: PluginRegistry, store: HostStore) => void | Promise<void>;
    uninitialize?: () => void;
};

export type PluginStatus = {
    id: string;
    version: string;
    state: 'loading' | 'loaded' | 'failed';
    error?: string;
};

declare global {
    interface Window {
        registerPlugin: (id: string, plugin: Plugin) => void;
    }
}

export class PluginLoader {
    private instances = new Map<string, Plugin>();
    private initializing = new Map<string, Promise<void>>();
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
            this.initializing.set(id, Promise.resolve().then(() => plugin.initialize?.(registry, this.store)));
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
        this.setStatus({id, version, state: 'loading'});
        try {
            if (this.instances.has(id)) {
                this.remove(id);
            }
            await addScript(bundleURL(manifest.webapp.bundle_path));
            const initializing = this.initializing.get(id);
            if (!initializing) {
                throw new Error(`the bundle of ${id} did not call window.registerPlugin('${id}', ...)`);
            }
            await initializing;
            this.setStatus({id, version, state: 'loaded'});
        } catch (err) {
            const error = err instanceof Error ? err.message : String(err);
            console.error(`plugin ${id} failed to load: ${error}`);
            this.setStatus({id, version, state: 'failed', error});
        } finally {
            this.initializing.delete(id);
        }
    }

    /** Calls the plugin's uninitialize and drops everything it registered. */
    remove(id: string): void {
        const plugin = this.instances.get(id);
        this.instances.delete(id);
        this.registrations.removePlugin(id);
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
// from /static/plugins/<id>/<file>; the web client rewrites the path the same way.
export function bundleURL(bundlePath: string): string {
    if (bundlePath.includes('/static/') && !bundlePath.includes('/static/plugins/')) {
        return bundlePath.replace('/static/', '/static/plugins/');
    }
    return bundlePath;
}

function addScript(src: string): Promise<void> {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.async = true;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.appendChild(script);
    });
}
