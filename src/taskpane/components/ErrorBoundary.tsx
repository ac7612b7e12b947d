/** Shows a render-time failure (a bug, or an adapter error thrown while rendering) instead of a blank pane. */
import { Component, type ReactNode } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Lang } from '../../engine/model';
import { errorText } from '../errors';

interface Props {
  lang: Lang;
  title: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: unknown; failed: boolean }> {
  override state = { error: null as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <MessageBar intent="error" layout="multiline" data-testid="render-error">
        <MessageBarBody>
          <MessageBarTitle>{this.props.title}</MessageBarTitle>
          {errorText(this.state.error, this.props.lang)}
        </MessageBarBody>
      </MessageBar>
    );
  }
}
