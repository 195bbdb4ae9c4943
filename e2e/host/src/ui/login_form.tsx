import React, {useState} from 'react';

import ErrorAlert from './error_alert';

type Props = {
    onSignIn: (loginId: string, password: string) => Promise<void>;
    reason?: string;
};

/** Asked for only when the page was opened without a usable `?token=`. */
export default function LoginForm({onSignIn, reason}: Props) {
    const [loginId, setLoginId] = useState('');
    const [password, setPassword] = useState('');
    const [error, setError] = useState('');
    const [busy, setBusy] = useState(false);

    return (
        <form
            className='host-login'
            aria-label='Sign in'
            onSubmit={async (e) => {
                e.preventDefault();
                setBusy(true);
                setError('');
                try {
                    await onSignIn(loginId, password);
                } catch (err) {
                    setError(err instanceof Error ? err.message : String(err));
                    setBusy(false);
                }
            }}
        >
            <h1>{'Channel Todo host page'}</h1>
            <p>{'Sign in to the Mattermost server behind this page.'}</p>
            {reason && <p className='host-error'>{reason}</p>}
            <label>
                {'Username or email'}
                <input
                    autoComplete='username'
                    value={loginId}
                    onChange={(e) => setLoginId(e.target.value)}
                />
            </label>
            <label>
                {'Password'}
                <input
                    type='password'
                    autoComplete='current-password'
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                />
            </label>
            <button
                type='submit'
                disabled={busy || !loginId || !password}
            >
                {'Sign in'}
            </button>
            <ErrorAlert error={error}/>
        </form>
    );
}
