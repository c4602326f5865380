import { Component, type ErrorInfo, type ReactNode } from 'react';
import { messageOf } from '../api/client';

interface State {
  error?: unknown;
}

/** What a page threw while rendering (a chunk that failed to load after a deploy, say), shown instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div role="alert">
        <h1>This page could not be shown</h1>
        <p>{messageOf(this.state.error)}</p>
        <p>Reload the page to try again.</p>
      </div>
    );
  }
}
