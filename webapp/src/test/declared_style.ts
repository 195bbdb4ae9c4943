// The inline style an element was given. jsdom's CSS parser drops values with var(), so the
// DOM cannot show them; React keeps the props it rendered on the element.
export function declaredStyle(el: HTMLElement): Record<string, string> {
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
    const props = key ? (el as unknown as Record<string, {style?: Record<string, string | number>}>)[key] : undefined;
    const declared: Record<string, string> = {};
    for (const [prop, value] of Object.entries(props?.style ?? {})) {
        declared[prop] = String(value);
    }
    // Shorthands cover their parts, as in CSS.
    for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
        if (declared.border !== undefined && declared[`border${side}`] === undefined) {
            declared[`border${side}`] = declared.border;
        }
    }
    return declared;
}

