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

    /** The page's address, e.g. http://127.0.0.1:41234/ */
    url: string;
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
};

// Paths that belong to the Mattermost server; everything else is the host page.
const proxiedPrefixes = ['/api/', '/plugins/', '/static/'];

const contentTypes: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
};

function isProxied(url: string): boolean {
    return proxiedPrefixes.some((p) => url.startsWith(p));
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

function proxyRequest(req: http.IncomingMessage, res: http.ServerResponse, target: URL): void {
    const upstream = http.request({
        host: target.hostname,
        port: target.port || 80,
        method: req.method,
        path: req.url,
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
function proxyUpgrade(req: http.IncomingMessage, client: Socket, head: Buffer, target: URL): void {
    const upstream = net.connect(Number(target.port || 80), target.hostname, () => {
        const headers = forwardedHeaders(req.headers, target);
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
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

    const sockets = new Set<Socket>();
    const server = http.createServer((req, res) => {
        const url = req.url ?? '/';
        if (isProxied(url)) {
            proxyRequest(req, res, target);
            return;
        }
        const pathname = new URL(url, 'http://host').pathname;
        if (pathname === '/' || pathname === '/index.html') {
            serveFile(res, pageDir, 'index.html');
        } else if (pathname === '/favicon.ico') {
            serveFile(res, pageDir, 'icon.svg');
        } else if (pathname.startsWith('/host/')) {
            serveFile(res, pageDir, pathname.slice('/host/'.length));
        } else {
            res.writeHead(404, {'content-type': 'text/plain'}).end('not found');
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
        if (isProxied(req.url ?? '')) {
            proxyUpgrade(req, s, head, target);
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
        url: `http://127.0.0.1:${port}/`,
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
