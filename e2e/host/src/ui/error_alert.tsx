import React from 'react';

/** A form's or pane's last error, read out as an alert; nothing while there is none. */
export default function ErrorAlert({error}: {error: string}) {
    if (!error) {
        return null;
    }
    return (
        <p
            role='alert'
            className='host-error'
        >
            {error}
        </p>
    );
}
