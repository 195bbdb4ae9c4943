// The plugin's identity comes from the one manifest at the repository root, so the
// id used in event names, reducer keys and URLs can never drift from the server's.
import manifest from '../../plugin.json';

export const pluginId: string = manifest.id;
export const pluginName: string = manifest.name;
export const pluginVersion: string = manifest.version;
