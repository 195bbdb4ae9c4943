import React, {useState} from 'react';

import type {PostAction} from '@mattermost/types/integration_actions';
import type {MessageAttachment, MessageAttachmentField} from '@mattermost/types/message_attachments';
import type {Post} from '@mattermost/types/posts';

import {formatText, messageHtmlToComponent} from '../post_utils';

import {useHost} from './context';
import ErrorAlert from './error_alert';

// A post's message attachments (props.attachments) as the web client draws them under the
// message: the pretext, then a box with a coloured edge holding the title, the text, the
// fields and the action buttons. A button is pressed the way the client presses it: POST
// /api/v4/posts/{post id}/actions/{action id} with the action's cookie (the server adds one
// to every action it sends to clients; for an ephemeral post it is the only record of the
// post). The post's new look arrives as a post_edited (or ephemeral_message) WebSocket event,
// as in the client; the page does not redraw it itself. Menus (select actions) and images
// are not drawn.

function markdown(text: string): React.ReactElement {
    return messageHtmlToComponent(formatText(text));
}

function attachmentsOf(post: Post): MessageAttachment[] {
    const raw: unknown = post.props?.attachments;
    return Array.isArray(raw) ? raw.filter((a): a is MessageAttachment => typeof a === 'object' && a !== null) : [];
}

function fieldValue(field: MessageAttachmentField): string {
    const v = field.value;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function buttonClass(style: string | undefined): string {
    switch (style) {
    case 'primary':
        return 'btn btn-sm btn-primary';
    case 'danger':
        return 'btn btn-sm btn-danger';
    case 'good':
    case 'success':
        return 'btn btn-sm btn-success';
    case 'warning':
        return 'btn btn-sm btn-warning';
    default:
        return 'btn btn-sm btn-default';
    }
}

function ActionButton({post, action, onError}: {post: Post; action: PostAction; onError: (message: string) => void}) {
    const {session} = useHost();
    const [busy, setBusy] = useState(false);
    const press = async () => {
        if (!action.id) {
            return;
        }
        onError('');
        setBusy(true);
        try {
            await session.client.doPostActionWithCookie(post.id, action.id, action.cookie ?? '');
        } catch (err) {
            onError(String((err as Error)?.message ?? err));
        } finally {
            setBusy(false);
        }
    };
    return (
        <button
            type='button'
            className={`${buttonClass(action.style)} host-attachment__button`}
            data-action-id={action.id}
            title={action.tooltip}
            disabled={busy || action.disabled}
            aria-busy={busy || undefined}
            onClick={press}
        >
            {action.name}
        </button>
    );
}

function Attachment({post, attachment}: {post: Post; attachment: MessageAttachment}) {
    const [error, setError] = useState('');
    const fields = (attachment.fields ?? []).filter((f) => f.title || fieldValue(f));
    const buttons = (attachment.actions ?? []).filter((a) => (a.type ?? 'button') === 'button' && a.id);
    const edge = attachment.color && (/^#[0-9a-f]{3,8}$/i).test(attachment.color) ? attachment.color : undefined;
    let title: React.ReactNode = null;
    if (attachment.title) {
        title = (
            <h1 className='host-attachment__title'>
                {attachment.title_link && (/^https?:\/\//).test(attachment.title_link) ? (
                    <a
                        href={attachment.title_link}
                        target='_blank'
                        rel='noopener noreferrer'
                    >
                        {attachment.title}
                    </a>
                ) : attachment.title}
            </h1>
        );
    }
    return (
        <div
            className='host-attachment'
            data-testid='attachment'
        >
            {attachment.pretext && <div className='host-attachment__pretext'>{markdown(attachment.pretext)}</div>}
            <div
                className='host-attachment__box'
                style={edge ? {borderLeftColor: edge} : undefined}
            >
                {attachment.author_name && <div className='host-attachment__author'>{attachment.author_name}</div>}
                {title}
                {attachment.text && <div className='host-attachment__text'>{markdown(attachment.text)}</div>}
                {fields.length > 0 && (
                    <dl className='host-attachment__fields'>
                        {fields.map((f, i) => (
                            <div
                                key={i}
                                className={`host-attachment__field${f.short ? ' host-attachment__field--short' : ''}`}
                            >
                                {f.title && <dt>{f.title}</dt>}
                                <dd>{markdown(fieldValue(f))}</dd>
                            </div>
                        ))}
                    </dl>
                )}
                {attachment.footer && <div className='host-attachment__footer'>{attachment.footer}</div>}
                {buttons.length > 0 && (
                    <div className='host-attachment__actions'>
                        {buttons.map((a) => (
                            <ActionButton
                                key={a.id}
                                post={post}
                                action={a}
                                onError={setError}
                            />
                        ))}
                    </div>
                )}
                <ErrorAlert error={error}/>
            </div>
        </div>
    );
}

/** The attachments of a post, nothing when it has none. */
export default function MessageAttachments({post}: {post: Post}) {
    const attachments = attachmentsOf(post);
    if (attachments.length === 0) {
        return null;
    }
    return (
        <div className='host-attachments'>
            {attachments.map((a, i) => (
                <Attachment
                    key={i}
                    post={post}
                    attachment={a}
                />
            ))}
        </div>
    );
}
