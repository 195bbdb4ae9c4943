// Texts a test can find again: the stack is shared by every test file, so a text a test looks
// for must be one that no other test (and no earlier run of this one) could have written.
import crypto from 'node:crypto';

/** The label with a random suffix, so a text is found again only where this test put it. */
export function unique(label: string): string {
    return `${label} ${crypto.randomBytes(4).toString('hex')}`;
}
