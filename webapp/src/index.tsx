// Registration only: this file tells the host which surfaces the plugin adds. The
// behaviour lives in the components, the reducer and the WebSocket handlers.
import React from 'react';
import {FormattedMessage} from 'react-intl';
import type {UnknownAction} from 'redux';

import appBarIconUrl from '../../assets/icon.svg';

import {addTodoFromPost, canAddFromPost} from './actions';
import client from './client';
import Sidebar from './components/sidebar';
import {readFirstPages, sidebarShown} from './components/sidebar/read_ahead';
import {todoActionsCss} from './components/todo_actions';
import TodoIcon from './components/todo_icon';
import {getTranslations} from './i18n';
import {pluginId} from './manifest';
import {hostPopouts, joinOpener, registerPopoutListener} from './popout';
import reducer from './reducer';
import {getCurrentChannel, getPost, getUserLocale, getView} from './selectors';
import type {HostStore, MattermostPlugin, PluginRegistry} from './types/registry';
import {REPLIES_CHANGED_EVENT, TODO_CHANGED_EVENT, TOOL_CHANGED_EVENT, handleReconnect, handleRepliesChanged, handleTodoChanged, handleToolChanged} from './websocket';

const title = (
    <FormattedMessage
        id='channel_todo.rhs.title'
        defaultMessage='Channel Todo'
    />
);

export default class Plugin implements MattermostPlugin {
    private style?: HTMLStyleElement;

    public initialize(registry: PluginRegistry, store: HostStore): void {
        // The rows' hover and focus rules, in the page from the start: a stylesheet added when
        // the sidebar opens makes the browser restyle the whole client on that click.
        this.style = document.createElement('style');
        this.style.dataset.plugin = pluginId;
        this.style.textContent = todoActionsCss;
        document.head.appendChild(this.style);

        registry.registerTranslations(getTranslations);
        registry.registerReducer(reducer);

        const rhs = registry.registerRightHandSidebarComponent(Sidebar, title);

        // toggleRHSPlugin is a thunk: only dispatching it through the host's store works.
        // Opening it, its first reads start now, while the host renders it.
        const toggleSidebar = () => {
            if (!sidebarShown()) {
                const state = store.getState();
                readFirstPages(client, getView(state), getCurrentChannel(state)?.id);
            }
            store.dispatch(rhs.toggleRHSPlugin as UnknownAction);
        };

        // The host shows only one of these two doors: the App Bar icon when the App
        // Bar is on, the channel header button otherwise. Register both.
        registry.registerChannelHeaderButtonAction(
            <TodoIcon/>,
            toggleSidebar,
            <FormattedMessage
                id='channel_todo.header_button.dropdown'
                defaultMessage='Channel Todo'
            />,
            <FormattedMessage
                id='channel_todo.header_button.tooltip'
                defaultMessage='Open Channel Todo'
            />,
        );
        if (typeof registry.registerAppBarComponent === 'function') {
            registry.registerAppBarComponent(
                appBarIconUrl,
                toggleSidebar,
                <FormattedMessage
                    id='channel_todo.app_bar.tooltip'
                    defaultMessage='Channel Todo'
                />,
            );
        }

        // Message menu: a todo from a post, then the sidebar with the outcome.
        const addFromPost = (personal: boolean) => (postId: string) => {
            const post = getPost(store.getState(), postId);
            if (canAddFromPost(post)) {
                store.dispatch(addTodoFromPost(client, post, personal, getUserLocale(store.getState())) as unknown as UnknownAction);
                store.dispatch(rhs.showRHSPlugin as UnknownAction);
            }
        };
        const postHasText = (postId: string) => canAddFromPost(getPost(store.getState(), postId));
        if (typeof registry.registerPostDropdownMenuAction === 'function') {
            registry.registerPostDropdownMenuAction(
                <FormattedMessage
                    id='channel_todo.post_menu.channel'
                    defaultMessage='Add to channel todo'
                />,
                addFromPost(false),
                postHasText,
            );
            registry.registerPostDropdownMenuAction(
                <FormattedMessage
                    id='channel_todo.post_menu.mine'
                    defaultMessage='Add to my todos'
                />,
                addFromPost(true),
                postHasText,
            );
        }

        registry.registerWebSocketEventHandler(TODO_CHANGED_EVENT, handleTodoChanged(store));
        registry.registerWebSocketEventHandler(TOOL_CHANGED_EVENT, handleToolChanged(store));
        registry.registerWebSocketEventHandler(REPLIES_CHANGED_EVENT, handleRepliesChanged(store));
        registry.registerReconnectHandler(handleReconnect(store));

        // Pop-out (11.3+): the opener tells a popped-out sidebar which view to show;
        // everything else it reads from the server.
        registerPopoutListener(registry, pluginId, store);
        joinOpener(hostPopouts(), store);
    }

    public uninitialize(): void {
        // The host drops every registration itself when it removes the plugin, and the
        // plugin keeps no timers or connections of its own; its stylesheet goes with it.
        this.style?.remove();
    }
}

window.registerPlugin(pluginId, new Plugin());
