// Translations handed to the host through registerTranslations. English is the
// source language: every message id exists there, and the components carry the
// same English text as defaultMessage.
import en from './en.json';
import zhCN from './zh-CN.json';

export type Messages = Record<string, string>;

const byLocale: Record<string, Messages> = {
    en,
    'zh-CN': zhCN,
};

export const supportedLocales = Object.keys(byLocale);

/**
 * Messages for a Mattermost locale code ("en", "zh-CN", ...). Unknown locales get
 * English, so the host never shows raw message ids.
 */
export function getTranslations(locale: string): Messages {
    return byLocale[locale] ?? en;
}
