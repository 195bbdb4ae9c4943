import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import defaultClient from '../../client';
import {useErrorText} from '../../error_text';
import type {TodoClient} from '../../client';
import type {SettingsChange, UserSettings} from '../../types/todo';
import {inlineRow, themedField, themedLabel} from '../link_button_style';
import {ErrorLine, Loading, noticeStyle} from '../todo_notices';

type Props = {
    client?: TodoClient;
};

const style = {
    box: {marginTop: '16px', paddingTop: '8px', borderTop: '1px solid rgba(var(--center-channel-color-rgb), 0.16)', fontSize: '12px'},
    summary: {cursor: 'pointer', fontWeight: 600, color: 'rgba(var(--center-channel-color-rgb), 0.72)'},
    body: {display: 'flex', flexDirection: 'column', gap: '6px', marginTop: '6px'},
    hint: {color: 'rgba(var(--center-channel-color-rgb), 0.64)', margin: 0},
    error: {...noticeStyle.error, margin: 0},
} as const;

const defaultDigestTime = '09:00';

/**
 * The acting user's own reminder settings, the same as `/todo settings`: the daily digest and
 * its time, and the completion notice. Folded by default; it reads the settings when opened.
 */
export default function MySettings({client = defaultClient}: Props) {
    const intl = useIntl();
    const errorText = useErrorText();
    const [settings, setSettings] = useState<UserSettings | null>(null);
    const [time, setTime] = useState(defaultDigestTime);
    const [error, setError] = useState('');
    const [busy, setBusy] = useState(false);

    const show = (s: UserSettings) => {
        setSettings(s);
        if (s.digest_time) {
            setTime(s.digest_time);
        }
    };
    const load = () => {
        setError('');
        client.getSettings().then(show, (e: unknown) => setError(errorText(e)));
    };
    const save = (change: SettingsChange) => {
        setBusy(true);
        setError('');
        client.saveSettings(change).then(show, (e: unknown) => setError(errorText(e))).finally(() => setBusy(false));
    };

    const digestOn = Boolean(settings?.digest_time);
    const digestBlocked = Boolean(settings && !settings.digests_allowed && !digestOn);

    return (
        <details
            style={style.box}
            onToggle={(e) => {
                if ((e.currentTarget as HTMLDetailsElement).open && !settings) {
                    load();
                }
            }}
        >
            <summary style={style.summary}>
                <FormattedMessage
                    id='channel_todo.settings.heading'
                    defaultMessage='Reminder settings'
                />
            </summary>
            <div style={style.body}>
                {!settings && !error && <Loading style={style.hint}/>}
                {settings && (
                    <>
                        <div style={inlineRow}>
                            <label style={themedLabel}>
                                <input
                                    type='checkbox'
                                    checked={digestOn}
                                    disabled={busy || digestBlocked}
                                    onChange={(e) => save({digest_time: e.target.checked ? time : ''})}
                                />
                                <FormattedMessage
                                    id='channel_todo.settings.digest'
                                    defaultMessage='Daily digest'
                                />
                            </label>
                            <input
                                type='time'
                                style={themedField}
                                aria-label={intl.formatMessage({id: 'channel_todo.settings.digest_time', defaultMessage: 'Digest time'})}
                                value={time}
                                disabled={busy || digestBlocked}
                                onChange={(e) => {
                                    setTime(e.target.value);
                                    if (digestOn && e.target.value) {
                                        save({digest_time: e.target.value});
                                    }
                                }}
                            />
                        </div>
                        {digestBlocked && (
                            <p style={style.hint}>
                                <FormattedMessage
                                    id='channel_todo.settings.digest_not_allowed'
                                    defaultMessage='Daily digests are turned off by the system admin.'
                                />
                            </p>
                        )}
                        <label style={themedLabel}>
                            <input
                                type='checkbox'
                                checked={settings.notify_completion}
                                disabled={busy}
                                onChange={(e) => save({notify_completion: e.target.checked})}
                            />
                            <FormattedMessage
                                id='channel_todo.settings.completion'
                                defaultMessage='Tell me when someone else completes a todo I created'
                            />
                        </label>
                    </>
                )}
                {error && (
                    <ErrorLine style={style.error}>
                        <FormattedMessage
                            id='channel_todo.settings.failed'
                            defaultMessage='Could not load or save the settings: {error}'
                            values={{error}}
                        />
                    </ErrorLine>
                )}
            </div>
        </details>
    );
}
