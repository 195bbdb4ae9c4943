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

    it('keeps the server\'s words for an unknown code, a message with values and other errors', () => {
        expect(errorText(new ClientError('Nope.', 418, 'teapot'), 'zh-CN')).toBe('Nope.');
        expect(errorText(new ClientError('The text is too long; the limit is 4000 characters.', 400, 'text_too_long'), 'zh-CN')).toBe('The text is too long; the limit is 4000 characters.');
        expect(errorText(new Error('offline'), 'zh-CN')).toBe('offline');
        expect(errorText('boom', 'en')).toBe('boom');
    });
});
