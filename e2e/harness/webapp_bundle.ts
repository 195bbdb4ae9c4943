// Where a plugin's webapp bundle is fetched from, computed the way Mattermost's web client does
// it. The server's manifest says /static/<id>/<id>_<hash>_bundle.js, but it serves plugin
// bundles from its client plugin directory under /static/plugins/, and the web client rewrites
// the path accordingly. No Node.js imports: the browser host page can use this too.

/** The absolute URL of a plugin's webapp bundle, given the bundle_path from /api/v4/plugins/webapp. */
export function webappBundleURL(siteURL: string, bundlePath: string): string {
    let p = bundlePath;
    if (p.includes('/static/') && !p.includes('/static/plugins/')) {
        p = p.replace('/static/', '/static/plugins/');
    }
    return `${siteURL.replace(/\/+$/, '')}${p}`;
}
