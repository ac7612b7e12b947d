/**
 * A labelled date input that takes ISO dates (yyyy-mm-dd, as the workbook's tables hold them): it keeps what the
 * user typed, reports only real calendar days, and shows why text is refused or why the model refused the date
 * (issue). A text input, not the browser's date picker: the picker's format follows the browser's locale, not the
 * workbook's, and it does not shrink to a 320 px pane.
 */
import { memo, useId, useState } from 'react';
import { Field, Input, makeStyles } from '@fluentui/react-components';
import { isIsoDate } from '../promo-edits';

export interface DateFieldProps {
  label: string;
  /** ISO date. */
  value: string;
  onCommit: (date: string) => void;
  issue?: string;
  invalidText: string;
  /** Shown while empty, e.g. "aaaa-mm-dd". */
  placeholder?: string;
  hint?: string;
  size?: 'small' | 'medium';
  testId?: string;
  /** What the date belongs to, added to the accessible name ("Compra desde · SOR-JR-BOT"). */
  context?: string;
}

const useStyles = makeStyles({
  root: { width: '100%', minWidth: 0 },
  input: { minWidth: 0, width: '100%' },
});

/** Memoised with stable onCommit callbacks, like NumberField: an edit re-renders only the input whose date moved. */
export const DateField = memo(function DateField(props: DateFieldProps) {
  const { label, value, onCommit, issue, invalidText, placeholder, hint, size, testId, context } = props;
  const styles = useStyles();
  const [text, setText] = useState(value);
  const [typingError, setTypingError] = useState(false);
  const [shownValue, setShownValue] = useState(value);
  const id = useId();

  // Follow the model when it changes from outside (Reset), as NumberField does: adjusted while rendering.
  if (value !== shownValue) {
    setShownValue(value);
    if (text.trim() !== value) {
      setText(value);
      setTypingError(false);
    }
  }

  const onChange = (next: string) => {
    setText(next);
    const date = next.trim();
    if (!isIsoDate(date)) {
      setTypingError(true);
      return;
    }
    setTypingError(false);
    onCommit(date);
  };

  const message = typingError ? invalidText : issue;
  return (
    <Field
      label={{ children: label, htmlFor: id }}
      validationState={message ? 'error' : 'none'}
      validationMessage={message}
      hint={hint}
      size={size}
    >
      <Input
        id={id}
        value={text}
        inputMode="numeric"
        autoComplete="off"
        size={size}
        className={styles.root}
        input={{ className: styles.input }}
        placeholder={placeholder}
        aria-label={context ? `${label} · ${context}` : undefined}
        data-testid={testId}
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
});
