// What people read when the server refused something: in a language the plugin is translated
// into, the translation of the REST error's stable code, from the same translations the
// server's chat answers use (assets/i18n), so the sidebar and /todo say the same thing in the
// same language. The server writes its messages in English, so English readers (and languages
// without translations) get the server's own words, as does anything that is not a REST error.
import {useCallback} from 'react';
import {defineMessages, useIntl} from 'react-intl';
import type {MessageDescriptor} from 'react-intl';

import serverZhCN from '../../assets/i18n/zh-CN.json';

import {ClientError} from './client';

// Plural messages are objects; error messages are plain strings.
type ServerMessages = Record<string, unknown>;

// English is the server's own language: its messages need no translation.
const translated: Record<string, ServerMessages> = {'zh-CN': serverZhCN};

// A value in a server message: {{.Limit}}.
const value = /\{\{\s*\.(\w+)\s*\}\}/g;

/**
 * The text for a failure in locale: a translated message for a REST error whose code the
 * server's translations know, with the values the error carries (its `params`) filled in, else
 * the error's own message. Every error code has an English message in assets/i18n, so each has
 * a translation too.
 */
export function errorText(err: unknown, locale: string): string {
    if (err instanceof ClientError && err.code) {
        const text = translated[locale]?.[`error.${err.code}`];
        const filled = typeof text === 'string' ? fill(text, err.params) : undefined;
        if (filled !== undefined) {
            return filled;
        }
    }
    return err instanceof Error ? err.message : String(err);
}

/**
 * A message with its values filled in, without the chat's bold marks (the sidebar shows plain
 * text); undefined when the error lacks a value the message names, for the server's own words,
 * which always have it.
 */
function fill(text: string, params: ClientError['params']): string | undefined {
    let missing = false;
    const out = text.replace(value, (_, name: string) => {
        const v = params[name];
        if (v === undefined || v === null) {
            missing = true;
            return '';
        }
        return String(v);
    });
    return missing ? undefined : out.replace(/\*\*/g, '');
}

// The chat's answers to these codes give a chat command as the way out (`/todo done 7
// anyway`), which the sidebar's reader cannot type there; the sidebar says its own way instead.
const sidebarWords: Record<string, MessageDescriptor> = defineMessages({
    items_open: {
        id: 'channel_todo.error.items_open',
        defaultMessage: 'Its checklist still has open items. Tick them first, or tick the todo again and choose Complete anyway.',
    },
});

/** errorText in the user's language, in the sidebar's words where the chat's name a command. */
export function useErrorText(): (err: unknown) => string {
    const intl = useIntl();
    return useCallback((err: unknown) => {
        const own = err instanceof ClientError ? sidebarWords[err.code] : undefined;
        return own ? intl.formatMessage(own) : errorText(err, intl.locale);
    }, [intl]);
}
