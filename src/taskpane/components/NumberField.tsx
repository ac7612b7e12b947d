/**
 * A labelled numeric input that keeps what the user typed, reports only parseable numbers, and shows why text is
 * refused or why the model refused the value (issue).
 */
import { memo, useId, useState } from 'react';
import { Field, Input, makeStyles } from '@fluentui/react-components';
import { formatInput, parseNumberInput } from '../format';

export interface NumberFieldProps {
  label: string;
  /** Current value in display units (percent points, MXN, units); null = empty (allowed only with allowEmpty). */
  value: number | null;
  onCommit: (value: number | null) => void;
  /** Text of the model's objection to the current value, if any. */
  issue?: string;
  invalidText: string;
  allowEmpty?: boolean;
  /** Shown after the input, e.g. "%" or "MXN". */
  unit?: string;
  size?: 'small' | 'medium';
  testId?: string;
  /** Visually hide the label (tables): it stays the input's accessible name. */
  hideLabel?: boolean;
  /** Shown while empty, e.g. "sin límite". */
  placeholder?: string;
  /** Help text under the input (e.g. what the value costs). */
  hint?: string;
  /**
   * What the value belongs to, added to the accessible name after the visible label ("Tasa (%) · Descuento en
   * factura WMX-01"): a card has one "Tasa (%)", the pane has one per term.
   */
  context?: string;
}

const useStyles = makeStyles({
  // Inputs default to ~20 characters wide; in a narrow pane (320–400 px) they must shrink with their cell.
  root: { width: '100%', minWidth: 0 },
  input: { minWidth: 0, width: '100%' },
});

const show = (v: number | null) => (v === null ? '' : formatInput(v));

/**
 * Memoised: the terms editor holds dozens of these and an edit changes one value; with stable onCommit callbacks
 * (the editor builds them with useCallback) only the inputs whose value, issue or label changed re-render.
 */
export const NumberField = memo(function NumberField(props: NumberFieldProps) {
  const {
    label,
    value,
    onCommit,
    issue,
    invalidText,
    allowEmpty,
    unit,
    size,
    testId,
    hideLabel,
    placeholder,
    hint,
    context,
  } = props;
  const styles = useStyles();
  const [text, setText] = useState(show(value));
  const [typingError, setTypingError] = useState(false);
  const [shownValue, setShownValue] = useState(value);
  const id = useId();

  // Follow the model when it changes from outside (Reset, another field), not while the text already means it.
  // Adjusted while rendering (React's pattern for state that follows a prop): no effect, no render with stale text.
  if (!Object.is(value, shownValue)) {
    setShownValue(value);
    const typed = text.trim() === '' ? null : parseNumberInput(text);
    if (typed !== value && !(typed !== null && value !== null && Math.abs(typed - value) < 1e-12)) {
      setText(show(value));
      setTypingError(false);
    }
  }

  const onChange = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      if (allowEmpty) {
        setTypingError(false);
        onCommit(null);
      } else setTypingError(true);
      return;
    }
    const parsed = parseNumberInput(next);
    if (Number.isNaN(parsed)) {
      setTypingError(true);
      return;
    }
    setTypingError(false);
    onCommit(parsed);
  };

  const message = typingError ? invalidText : issue;
  return (
    <Field
      label={hideLabel ? undefined : { children: label, htmlFor: id }}
      validationState={message ? 'error' : 'none'}
      validationMessage={message}
      hint={hint}
      size={size}
    >
      <Input
        id={id}
        value={text}
        inputMode="decimal"
        autoComplete="off"
        size={size}
        className={styles.root}
        input={{ className: styles.input }}
        placeholder={placeholder}
        contentAfter={unit}
        aria-label={context ? `${label} · ${context}` : hideLabel ? label : undefined}
        data-testid={testId}
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
});
