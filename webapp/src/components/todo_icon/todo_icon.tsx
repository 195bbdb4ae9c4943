import React from 'react';

type Props = {
    size?: number;
};

/**
 * The plugin's mark for the channel header: a ticked box beside two lines. Drawn
 * inline in the text colour so it follows the theme like the host's own icons.
 */
export default function TodoIcon({size = 18}: Props) {
    return (
        <svg
            width={size}
            height={size}
            viewBox='0 0 24 24'
            aria-hidden='true'
            focusable='false'
            className='channel-todo-icon'
        >
            <rect
                x='3'
                y='4'
                width='9'
                height='9'
                rx='2'
                fill='none'
                stroke='currentColor'
                strokeWidth='1.8'
            />
            <path
                d='M5.2 8.6l1.7 1.7 3-3.3'
                fill='none'
                stroke='currentColor'
                strokeWidth='1.8'
                strokeLinecap='round'
                strokeLinejoin='round'
            />
            <path
                d='M15 7h6M15 11h4M3 18h18'
                fill='none'
                stroke='currentColor'
                strokeWidth='1.8'
                strokeLinecap='round'
            />
        </svg>
    );
}
