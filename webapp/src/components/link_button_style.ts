// The look of the sidebar's small text buttons (Edit, Delete, Save, ...), shared so
// they match wherever they appear.
export const linkButton = {
    background: 'none',
    border: 'none',
    padding: '0 4px',
    color: 'var(--link-color)',
    font: 'inherit',
    fontSize: '12px',
    cursor: 'pointer',
} as const;

export const inlineRow = {display: 'flex', flexWrap: 'wrap', gap: '4px', marginTop: '2px', alignItems: 'center'} as const;

// One row of a list (a todo, or an item of a tool-kept list) and the text beside its checkbox.
export const itemRow = {
    display: 'flex',
    gap: '8px',
    alignItems: 'flex-start',
    padding: '6px 0',
    borderBottom: '1px solid rgba(var(--center-channel-color-rgb), 0.08)',
} as const;

export const itemBody = {flex: 1, minWidth: 0, overflowWrap: 'anywhere'} as const;

// A todo's number or id before its text, and the text of a done one.
export const itemNumber = {color: 'rgba(var(--center-channel-color-rgb), 0.64)', marginRight: '4px'} as const;

export const doneText = {textDecoration: 'line-through', color: 'rgba(var(--center-channel-color-rgb), 0.64)'} as const;

// A list of todos: rows without bullets or indent.
export const plainList = {listStyle: 'none', margin: 0, padding: 0} as const;

// Bootstrap 3 and Mattermost's global stylesheet give these elements looks of their own
// (`#333` text whatever the theme, a rule under a legend, bold labels, grey code blocks with a
// border). In the sidebar each property they set is set here, from the theme's variables.
export const themedLegend = {
    display: 'block',
    width: 'auto',
    padding: 0,
    margin: '0 0 4px',
    border: 0,
    fontSize: '12px',
    fontWeight: 600,
    lineHeight: '16px',
    color: 'var(--center-channel-color)',
} as const;

export const themedLabel = {
    display: 'inline-flex',
    gap: '4px',
    alignItems: 'center',
    maxWidth: '100%',
    margin: 0,
    fontSize: '12px',
    fontWeight: 400,
    color: 'var(--center-channel-color)',
} as const;

export const themedCodeBlock = {
    display: 'block',
    margin: 0,
    padding: '8px',
    whiteSpace: 'pre-wrap',
    wordBreak: 'normal',
    overflowWrap: 'anywhere',
    border: '1px solid rgba(var(--center-channel-color-rgb), 0.16)',
    borderRadius: '4px',
    background: 'rgba(var(--center-channel-color-rgb), 0.04)',
    color: 'var(--center-channel-color)',
    fontFamily: 'monospace',
    fontSize: '12px',
    lineHeight: '16px',
} as const;

// Text, date and time fields. Their pickers' own colours follow the sidebar's color-scheme.
export const themedField = {
    padding: '2px 6px',
    margin: 0,
    height: 'auto',
    borderRadius: '4px',
    border: '1px solid rgba(var(--center-channel-color-rgb), 0.16)',
    background: 'var(--center-channel-bg)',
    color: 'var(--center-channel-color)',
    font: 'inherit',
    lineHeight: '20px',
} as const;
