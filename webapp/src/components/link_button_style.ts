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
