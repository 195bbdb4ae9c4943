// What the web client puts on window for plugin bundles: the shared libraries their
// webpack externals point at, and helpers. One React for host and plugins, so hooks
// and context work across the boundary.
import PropTypes from 'prop-types';
import React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactIntl from 'react-intl';
import * as ReactRedux from 'react-redux';
import * as Redux from 'redux';

import type {ClientPopouts} from '../../../webapp/src/types/client_registry';

import * as PostUtils from './post_utils';
import type {BrowserHistory} from './routes';

/**
 * window.WebappUtils: the history plugins navigate with and the pop-out helpers.
 * (The client's `modals` is left out: nothing the host loads opens a modal.)
 */
export type WebappUtils = {
    browserHistory: BrowserHistory;
    popouts: ClientPopouts;
};

declare global {
    interface Window {
        React: typeof React;
        ReactDOM: typeof ReactDOM;
        Redux: typeof Redux;
        ReactRedux: typeof ReactRedux;
        ReactIntl: typeof ReactIntl;
        PropTypes: typeof PropTypes;
        PostUtils: typeof PostUtils;
        WebappUtils: WebappUtils;
    }
}

export function installGlobals(webappUtils: WebappUtils): void {
    Object.assign(window, {React, ReactDOM, Redux, ReactRedux, ReactIntl, PropTypes, PostUtils, WebappUtils: webappUtils});
}
