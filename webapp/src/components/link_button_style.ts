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
