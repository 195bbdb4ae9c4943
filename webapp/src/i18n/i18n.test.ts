import en from './en.json';
import {getTranslations, supportedLocales} from './index';

describe('translations', () => {
    it.each(supportedLocales)('%s has exactly the English message ids, none empty', (locale) => {
        const messages = getTranslations(locale);
        expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
        for (const text of Object.values(messages)) {
            expect(text.trim()).not.toBe('');
        }
    });

    it.each([
        {locale: 'en', title: 'Channel Todo'},
        {locale: 'zh-CN', title: '频道待办'},
        {locale: 'de', title: 'Channel Todo'},
        {locale: 'zh-TW', title: 'Channel Todo'},
    ])('gives $locale the title "$title"', ({locale, title}) => {
        expect(getTranslations(locale)['channel_todo.rhs.title']).toBe(title);
    });
});
