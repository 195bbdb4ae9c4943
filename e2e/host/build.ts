// Bundles the host page (src/main.tsx with React, Redux, ReactIntl, ... and the
// Mattermost client) into dist/ beside index.html, host.css, Bootstrap 3's CSS and
// the compass-icons font.
//   npx tsx e2e/host/build.ts [--production]
import fs from 'node:fs';
import path from 'node:path';

import * as esbuild from 'esbuild';

export const hostDir = __dirname;
export const hostDistDir = path.join(hostDir, 'dist');

export type BuildOptions = {

    /**
     * Production React and minified output. The default is development React: its
     * warnings (keys, hooks, prop types) reach the console, where the browser test
     * treats them as the errors they are.
     */
    production?: boolean;

    /** Where to write the page; dist/ beside this file by default. */
    outDir?: string;
};

export async function buildHostPage({production = false, outDir = hostDistDir}: BuildOptions = {}): Promise<string> {
    fs.mkdirSync(outDir, {recursive: true});
    await esbuild.build({
        entryPoints: [path.join(hostDir, 'src', 'main.tsx')],
        outfile: path.join(outDir, 'host.js'),
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: 'es2020',
        jsx: 'transform',
        define: {'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development')},
        minify: production,
        sourcemap: 'linked',
        logLevel: 'warning',
        tsconfig: path.join(hostDir, '..', 'tsconfig.json'),
    });
    for (const file of ['index.html', 'host.css']) {
        fs.copyFileSync(path.join(hostDir, file), path.join(outDir, file));
    }

    // The web client's global CSS and icon font, from npm as the client takes them.
    fs.copyFileSync(require.resolve('bootstrap/dist/css/bootstrap.css'), path.join(outDir, 'bootstrap.css'));
    const compass = path.dirname(require.resolve('@mattermost/compass-icons/package.json'));
    for (const dir of ['css', 'font']) {
        fs.cpSync(path.join(compass, dir), path.join(outDir, 'compass-icons', dir), {recursive: true});
    }
    fs.copyFileSync(path.join(hostDir, '..', '..', 'assets', 'icon.svg'), path.join(outDir, 'icon.svg'));
    return outDir;
}

if (require.main === module) {
    buildHostPage({production: process.argv.includes('--production')}).then(
        (dir) => console.log(`host page built in ${path.relative(process.cwd(), dir) || '.'}`),
        (err) => {
            console.error(err);
            process.exit(1);
        },
    );
}
