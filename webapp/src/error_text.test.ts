import en from '../../assets/i18n/en.json';
import zhCN from '../../assets/i18n/zh-CN.json';

import {ClientError} from './client';
import {errorText} from './error_text';

describe('errorText', () => {
    const refused = new ClientError('Only the todo\'s creator and the channel\'s admins can change or delete it.', 403, 'edit_not_allowed');

    it('translates a REST error by its code, as /todo says it in that language', () => {
        expect(errorText(refused, 'zh-CN')).toBe(zhCN['error.edit_not_allowed']);
        expect(errorText(refused, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    });

    it('shows the server\'s own English words in English and in languages without translations', () => {
        expect(errorText(refused, 'en')).toBe(refused.message);
        expect(errorText(refused, 'de')).toBe(refused.message);
    });

    it('has a translation for every error the server names in English', () => {
        const codes = Object.keys(en).filter((id) => id.startsWith('error.'));
        expect(codes.length).toBeGreaterThan(10);
        for (const id of codes) {
            expect(Object.keys(zhCN)).toContain(id);
        }
    });

    it('fills a translated message with the values the error carries', () => {
        const tooLong = new ClientError('The text is 4100 characters long; the limit is 4000.', 400, 'text_too_long', {Limit: 4000});
        expect(errorText(tooLong, 'zh-CN')).toBe('内容太长了，上限是 4000 个字符。');
        const crowded = new ClientError('A todo can have at most 10 assignees.', 400, 'too_many_assignees', {Max: 10});
        expect(errorText(crowded, 'zh-CN')).toBe('每条待办最多只能有 10 位负责人。');
        expect(errorText(crowded, 'en')).toBe(crowded.message);
    });

    it('fills every value a message names, without the chat\'s bold marks', () => {
        const open = new ClientError('2 of the 3 checklist items of #7 are still open.', 409, 'items_open', {Number: 7, Open: 2, Total: 3});
        const text = errorText(open, 'zh-CN');
        expect(text).toContain('#7 的清单还有 2/3 项未完成');
        expect(text).toContain('/todo done 7 anyway');
        expect(text).not.toContain('**');
        expect(text).not.toContain('{{');
    });

    it('keeps the server\'s words when the error lacks a value its message names', () => {
        const partial = new ClientError('2 of the 3 checklist items of #7 are still open.', 409, 'items_open', {Number: 7});
        expect(errorText(partial, 'zh-CN')).toBe(partial.message);
    });

    it('keeps the server\'s words for an unknown code, a message with values and other errors', () => {
        expect(errorText(new ClientError('Nope.', 418, 'teapot'), 'zh-CN')).toBe('Nope.');
        expect(errorText(new ClientError('The text is too long; the limit is 4000 characters.', 400, 'text_too_long'), 'zh-CN')).toBe('The text is too long; the limit is 4000 characters.');
        expect(errorText(new Error('offline'), 'zh-CN')).toBe('offline');
        expect(errorText('boom', 'en')).toBe('boom');
    });
});
