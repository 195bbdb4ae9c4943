import React, {useEffect, useState} from 'react';

import defaultClient from '../../client';
import type {TodoClient} from '../../client';
import type {TodoPage, ToolResult, ToolScope} from '../../types/todo';
import {Loading} from '../todo_notices';
import ToolList from '../tool_list';

export type Props = {
    scope: ToolScope;
    client?: TodoClient;

    /**
     * The built-in list, shown when no command-line tool keeps this one; as a function, it gets
     * the list's first page when firstPage asked for it with the question.
     */
    children: React.ReactNode | ((firstPage?: TodoPage) => React.ReactNode);

    /** Asks for the built-in list's first page, of this size, with the question (channels). */
    firstPage?: number;

    /** Shown under the tool's list when a tool keeps it (Mine: what is assigned to me elsewhere). */
    after?: React.ReactNode;
};

type Gate = {state: 'checking'} | {state: 'tool'; result: ToolResult} | {state: 'built-in'; page?: TodoPage};

/**
 * Asks the server who keeps the list: a command-line tool (the bridge) or the
 * built-in store. A server without the bridge routes, or one that cannot answer,
 * means the built-in store, whose view reports its own errors.
 */
export default function ToolGate({scope, client = defaultClient, children, after, firstPage}: Props) {
    const [gate, setGate] = useState<Gate>({state: 'checking'});
    const key = scope.kind === 'channel' ? scope.channelId : '';

    useEffect(() => {
        let current = true;
        setGate({state: 'checking'});
        client.toolList(scope, firstPage).then(
            (result) => current && setGate(result.active ? {state: 'tool', result} : {state: 'built-in', page: result.page}),
            () => current && setGate({state: 'built-in'}),
        );
        return () => {
            current = false;
        };

    // scope is a fresh object on each render of the parent; its parts are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [client, scope.kind, key, firstPage]);

    if (gate.state === 'checking') {
        return <Loading/>;
    }
    if (gate.state === 'tool') {
        return (
            <>
                <ToolList
                    scope={scope}
                    initial={gate.result}
                    client={client}
                />
                {after}
            </>
        );
    }
    return <>{typeof children === 'function' ? children(gate.page) : children}</>;
}
