import React from 'react';

type Props = {
    pluginId: string;
    what: string;
    children: React.ReactNode;
};

type State = {error: Error | null};

/** Keeps a plugin's failing component from taking the page down, and reports it. */
export default class PluginBoundary extends React.Component<Props, State> {
    state: State = {error: null};

    static getDerivedStateFromError(error: Error): State {
        return {error};
    }

    componentDidCatch(error: Error): void {
        console.error(`plugin ${this.props.pluginId} failed to render its ${this.props.what}: ${error.message}`);
    }

    render() {
        if (this.state.error) {
            return (
                <div
                    role='alert'
                    className='host-plugin-error'
                >
                    {`${this.props.pluginId}: ${this.props.what} failed: ${this.state.error.message}`}
                </div>
            );
        }
        return this.props.children;
    }
}
