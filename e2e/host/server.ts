// Serves the host page and proxies the Mattermost server behind it, so the page,
// the API, the WebSocket and the plugin bundles share one origin (no CORS, and
// the session cookies the page sets reach the server).
//   npx tsx e2e/host/server.ts <siteURL> [--port N]
// prints the page's address and serves until interrupted.
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import {buildHostPage, hostDistDir} from './build';

export type HostServer = {

    /** The page's address, e.g. http://127.0.0.1:41234/ or, on a subpath, http://127.0.0.1:41234/mattermost/ */
    url: string;

    /** The subpath ('' at the root). */
    subpath: string;

    /**
     * Cuts every WebSocket through the proxy, as a network drop would, and while
     * `blocked` refuses new ones (the client keeps retrying); false lets them in again.
     */
    dropWebSockets(blocked: boolean): void;
    close(): Promise<void>;
};

export type HostServerOptions = {

    /** Port on 127.0.0.1; a free one when omitted. */
    port?: number;

    /**
     * Build the page into a private temporary directory (default), so servers and
     * test runs side by side never overwrite each other's files; false serves the
     * dist/ that `build.ts` wrote.
     */
    build?: boolean;

    /** Production React (for benchmarks); development React by default, for its warnings. */
    production?: boolean;

    /**
     * Serve everything under this subpath (e.g. '/mattermost'), as a server installed
     * on one is: the page, the API, the WebSocket and plugin files exist only under
     * it (the proxy strips it for the server behind), and window.basename says it.
     */
    subpath?: string;
};

// Paths that belong to the Mattermost server; everything else is the host page.
const proxiedPrefixes = ['/api/', '/plugins/', '/static/'];

const contentTypes: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.ttf': 'font/ttf',
    '.eot': 'application/vnd.ms-fontobject',
};

function isProxied(url: string): boolean {
    return proxiedPrefixes.some((p) => url.startsWith(p));
}

/** The request's path inside the subpath, or null when it is outside. */
function insideSubpath(url: string, subpath: string): string | null {
    if (!subpath) {
        return url;
    }
    if (url === subpath) {
        return '/';
    }
    return url.startsWith(`${subpath}/`) || url.startsWith(`${subpath}?`) ? url.slice(subpath.length) : null;
}

// To the server the request looks as if the browser had sent it to the site URL
// directly: it checks a WebSocket's Origin against the Host it was sent to.
function forwardedHeaders(headers: http.IncomingHttpHeaders, target: URL): http.OutgoingHttpHeaders {
    const out: http.OutgoingHttpHeaders = {...headers, host: target.host};
    if (headers.origin) {
        out.origin = target.origin;
    }
    if (typeof headers.referer === 'string') {
        const referer = new URL(headers.referer);
        out.referer = `${target.origin}${referer.pathname}${referer.search}`;
    }
    return out;
}

function serveFile(res: http.ServerResponse, dir: string, name: string): void {
    const file = path.join(dir, name);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file)) {
        res.writeHead(404, {'content-type': 'text/plain'}).end('not found');
        return;
    }
    res.writeHead(200, {
        'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
}

function proxyRequest(req: http.IncomingMessage, res: http.ServerResponse, target: URL, url: string): void {
    const upstream = http.request({
        host: target.hostname,
        port: target.port || 80,
        method: req.method,
        path: url,
        headers: forwardedHeaders(req.headers, target),
    }, (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.rawHeaders);
        upstreamRes.pipe(res);
    });
    upstream.on('error', (err) => {
        if (!res.headersSent) {
            res.writeHead(502, {'content-type': 'application/json'});
        }
        res.end(JSON.stringify({message: `host page proxy: ${err.message}`}));
    });
    req.pipe(upstream);
}

// A WebSocket upgrade is forwarded as raw bytes once the request line and headers
// are rewritten; after the server's 101 the two sockets are simply joined.
function proxyUpgrade(req: http.IncomingMessage, client: Socket, head: Buffer, target: URL, url: string): Socket {
    const upstream = net.connect(Number(target.port || 80), target.hostname, () => {
        const headers = forwardedHeaders(req.headers, target);
        const lines = [`${req.method} ${url} HTTP/1.1`];
        for (const [name, value] of Object.entries(headers)) {
            for (const v of Array.isArray(value) ? value : [value]) {
                if (v !== undefined) {
                    lines.push(`${name}: ${v}`);
                }
            }
        }
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) {
            upstream.write(head);
        }
        upstream.pipe(client);
        client.pipe(upstream);
    });
    const end = () => {
        upstream.destroy();
        client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
    upstream.on('close', end);
    client.on('close', end);
    return upstream;
}

/** Starts the host page for the Mattermost server at siteURL. */
export async function startHostServer(siteURL: string, options: HostServerOptions = {}): Promise<HostServer> {
    const target = new URL(siteURL);
    if (target.protocol !== 'http:') {
        throw new Error(`the host page proxies plain http only, not ${siteURL}`);
    }
    let pageDir = hostDistDir;
    let ownDir = false;
    if (options.build !== false) {
        pageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-todo-host-'));
        ownDir = true;
        try {
            await buildHostPage({production: options.production, outDir: pageDir});
        } catch (err) {
            fs.rmSync(pageDir, {recursive: true, force: true});
            throw err;
        }
    }

    const subpath = (options.subpath ?? '').replace(/\/$/, '');
    if (subpath && !/^\/[\w-]+(\/[\w-]+)*$/.test(subpath)) {
        throw new Error(`a subpath looks like /mattermost, not ${subpath}`);
    }
    const indexHtml = fs.readFileSync(path.join(pageDir, 'index.html'), 'utf8').replaceAll('__BASENAME__', subpath);

    const sockets = new Set<Socket>();
    const webSockets = new Set<Socket>();
    let webSocketsBlocked = false;
    const server = http.createServer((req, res) => {
        const url = insideSubpath(req.url ?? '/', subpath);
        if (url === null) {
            res.writeHead(404, {'content-type': 'text/plain'}).end(`not found: this server lives under ${subpath}`);
            return;
        }
        if (isProxied(url)) {
            proxyRequest(req, res, target, url);
            return;
        }
        const pathname = new URL(url, 'http://host').pathname;
        if (pathname === '/favicon.ico') {
            serveFile(res, pageDir, 'icon.svg');
        } else if (pathname.startsWith('/host/')) {
            serveFile(res, pageDir, pathname.slice('/host/'.length));
        } else {
            // Every other address is the app's (/<team>/channels/<name>, /_popout/..., ...).
            res.writeHead(200, {'content-type': contentTypes['.html'], 'cache-control': 'no-store'}).end(indexHtml);
        }
    });
    server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    server.on('upgrade', (req, socket, head) => {
        const s = socket as Socket;
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        const url = insideSubpath(req.url ?? '', subpath);
        if (url !== null && isProxied(url) && !webSocketsBlocked) {
            webSockets.add(s);
            s.on('close', () => webSockets.delete(s));
            proxyUpgrade(req, s, head, target, url);
        } else {
            s.destroy();
        }
    });

    const removePage = () => {
        if (ownDir) {
            fs.rmSync(pageDir, {recursive: true, force: true});
        }
    };
    try {
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
        });
    } catch (err) {
        removePage();
        throw err;
    }
    const {port} = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}${subpath}/`,
        subpath,
        dropWebSockets: (blocked) => {
            webSocketsBlocked = blocked;
            for (const socket of webSockets) {
                socket.destroy();
            }
        },
        close: () => new Promise<void>((resolve) => {
            for (const socket of sockets) {
                socket.destroy();
            }
            server.close(() => {
                removePage();
                resolve();
            });
        }),
    };
}

function parseArgs(argv: string[]): {siteURL?: string; port?: number} {
    const out: {siteURL?: string; port?: number} = {};
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--port') {
            out.port = Number(argv[++i]);
        } else {
            out.siteURL = argv[i];
        }
    }
    return out;
}

if (require.main === module) {
    const {siteURL = process.env.MM_SITE_URL, port} = parseArgs(process.argv.slice(2));
    if (!siteURL) {
        console.error('usage: npx tsx e2e/host/server.ts <siteURL> [--port N]   (or set MM_SITE_URL)');
        process.exit(2);
    }
    startHostServer(siteURL, {port}).then((host) => {
        console.log(`Host page for ${siteURL}: ${host.url}`);
        const stop = () => {
            host.close().then(() => process.exit(0));
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    }, (err) => {
        console.error(err);
        process.exit(1);
    });
}
