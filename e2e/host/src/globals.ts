// What the web client puts on window for plugin bundles: the shared libraries their
// webpack externals point at, and helpers. One React for host and plugins, so hooks
// and context work across the boundary.
import PropTypes from 'prop-types';
import React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactIntl from 'react-intl';
import * as ReactRedux from 'react-redux';
import * as Redux from 'redux';

import * as PostUtils from './post_utils';

declare global {
    interface Window {
        React: typeof React;
        ReactDOM: typeof ReactDOM;
        Redux: typeof Redux;
        ReactRedux: typeof ReactRedux;
        ReactIntl: typeof ReactIntl;
        PropTypes: typeof PropTypes;
        PostUtils: typeof PostUtils;
    }
}

export function installGlobals(): void {
    Object.assign(window, {React, ReactDOM, Redux, ReactRedux, ReactIntl, PropTypes, PostUtils});
}
