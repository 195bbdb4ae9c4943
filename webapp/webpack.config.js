// Builds the plugin's browser bundle (dist/main.js). The libraries below are
// provided by Mattermost's web client as globals, so they are never bundled:
// bundling a second React would break hooks and context across the boundary.
const path = require('path');

const hostGlobals = {
    react: 'React',
    'react-dom': 'ReactDOM',
    redux: 'Redux',
    'react-redux': 'ReactRedux',
    'react-intl': 'ReactIntl',
    'prop-types': 'PropTypes',
    'react-bootstrap': 'ReactBootstrap',
    'react-router-dom': 'ReactRouterDom',
};

module.exports = (env, argv) => {
    const production = argv.mode !== 'development';
    return {
        entry: path.join(__dirname, 'src', 'index.tsx'),
        mode: production ? 'production' : 'development',
        devtool: production ? false : 'eval-cheap-module-source-map',
        target: ['web', 'es2020'],
        resolve: {
            extensions: ['.ts', '.tsx', '.js', '.json'],
        },
        // The classic JSX transform (tsconfig "jsx": "react") calls the host's
        // React.createElement; the automatic one would bundle react/jsx-runtime,
        // which is not a host global.
        module: {
            rules: [
                {
                    test: /\.tsx?$/,
                    exclude: /node_modules/,
                    use: {
                        loader: 'ts-loader',
                        options: {
                            configFile: path.join(__dirname, 'tsconfig.json'),
                            onlyCompileBundledFiles: true,
                        },
                    },
                },
                {
                    // Small images become data: URLs, so the bundle carries its own icons.
                    test: /\.svg$/,
                    type: 'asset/inline',
                },
            ],
        },
        externals: hostGlobals,
        externalsType: 'window',
        output: {
            path: path.join(__dirname, 'dist'),
            filename: 'main.js',
            clean: true,
        },
        performance: {hints: false},
    };
};
