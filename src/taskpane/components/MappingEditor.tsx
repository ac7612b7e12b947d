/**
 * The mapping editor (loaded when the KAM opens it; MappingSection is its shell). The model's tables with where each comes from (the workbook's own table, a
 * mapping of the user's tables, nothing); for one table, the user's tables it reads, each model column's source
 * (a column of theirs, a constant, the sheet's name, the month columns, an amount ÷ quantity), the suggestions
 * accepted in one click, the coverage, what is still to decide, and a preview of the rows as the model will read
 * them. Saving or removing writes only the mapping table (a hidden sheet); the user's tables are only read.
 */
import { useId, useMemo, useState } from 'react';
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Lang } from '../../engine/model';
import type { ColumnSpec, TableSpec } from '../../workbook/contract/specs';
import {
  MAPPABLE_TABLES,
  coverageOf,
  draftIssues,
  draftOfRules,
  hasQuarterColumns,
  monthHeadersOf,
  monthsNeedYear,
  previewOf,
  specOf,
  type ColumnSource,
  type Coverage,
  type TableDraft,
} from '../../workbook/mapping/draft';
import type { CellValue } from '../../workbook/port';
import { isRangeRef, parseRangeRef } from '../../workbook/range-source';
import { errorText } from '../errors';
import { formatters } from '../format';
import type { Texts } from '../i18n';
import { mappingTexts, type MappingTexts } from '../mapping-texts';
import type { MappingEditing, MappingTools } from '../use-mapping';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  tableRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '2px',
    paddingBlock: '2px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  tableName: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  editor: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  wrap: { overflowWrap: 'anywhere', minWidth: 0 },
  select: { minWidth: 0, width: '100%' },
  inline: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  weight: { width: '6em' },
  labelColumn: { width: '36%' },
  coverage: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  preview: { width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  cell: {
    overflowWrap: 'anywhere',
    verticalAlign: 'top',
    textAlign: 'left',
    padding: '2px 4px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

const COVERAGE_KINDS: readonly Coverage[] = ['read', 'derived', 'constant', 'default', 'missing'];

/** A column's source as one Select value. */
function encode(s: ColumnSource | undefined): string {
  if (!s) return '';
  return s.kind === 'column' ? `column:${s.header}` : s.kind;
}

export interface MappingSectionProps {
  tools: MappingTools;
  lang: Lang;
  t: Texts;
}

/** What the workbook holds, the model's tables with their status, and the table being mapped. */
/** The pane's texts and the editor's own. */
type EditorTexts = Texts & MappingTexts;

export default function MappingEditor({ tools, lang, t: paneTexts }: MappingSectionProps) {
  const styles = useStyles();
  const t: EditorTexts = { ...paneTexts, ...mappingTexts(lang) };
  const { context, editing, outcome } = tools;
  const f = formatters(lang);
  const name = (s: TableSpec) => (lang === 'es' ? s.es : s.en);
  return (
    <>
      {context.status === 'loading' ? <Spinner size="tiny" label={t.mappingLoading} /> : null}
      {context.status === 'failed' ? (
        <MessageBar intent="error" layout="multiline" data-testid="mapping-load-failed">
          <MessageBarBody className={styles.wrap}>
            <MessageBarTitle>{t.mappingLoadFailed}</MessageBarTitle>
            {errorText(context.error, lang)}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {context.status === 'ready' ? (
        <>
          {context.context.errors.length > 0 ? (
            <MessageBar intent="warning" layout="multiline" data-testid="mapping-errors">
              <MessageBarBody className={styles.wrap}>
                <MessageBarTitle>{t.mappingErrorsTitle}</MessageBarTitle>
                <ul>
                  {context.context.errors.map((e, i) => (
                    <li key={i}>{e[lang]}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {context.context.tables.length === 0 ? (
            <Caption1 className={styles.wrap} data-testid="mapping-no-tables">
              {t.mappingNoTables}
            </Caption1>
          ) : null}
          <Text weight="semibold">{t.mappingTables}</Text>
          <ul className={styles.list} data-testid="mapping-tables">
            {MAPPABLE_TABLES.map((spec) => {
              const native = context.context.native.has(spec.id);
              const draft = draftOfRules(spec, context.context.rules);
              const mapped = Object.keys(draft.columns).length > 0;
              const status = native
                ? t.mappingStatusNative
                : mapped
                  ? t.mappingStatusMapped(draft.sources.join(', ') || t.mappingConstant.toLowerCase())
                  : spec.required
                    ? t.mappingStatusMissing
                    : t.mappingStatusOptional;
              const busy = outcome.status === 'saving' && outcome.tableId === spec.id;
              return (
                <li key={spec.id} className={styles.tableRow} data-testid={`mapping-table-${spec.id}`}>
                  <span className={styles.tableName}>
                    <Text weight="semibold">{name(spec)}</Text> · <Caption1>{status}</Caption1>
                  </span>
                  {/* A table the workbook has is not mapped over; a mapping of it left from before can be removed. */}
                  {(native || context.context.tables.length === 0) && !mapped ? null : (
                    <span className={styles.buttons}>
                      {native ? null : (
                        <Button
                          size="small"
                          aria-label={mapped ? t.mappingEdit(name(spec)) : t.mappingMap(name(spec))}
                          disabled={outcome.status === 'saving'}
                          onClick={() => tools.edit(spec.id)}
                          data-testid={`mapping-edit-${spec.id}`}
                        >
                          {mapped ? t.mappingEditShort : t.mappingMapShort}
                        </Button>
                      )}
                      {mapped ? (
                        <Button
                          size="small"
                          aria-label={t.mappingRemove(name(spec))}
                          disabled={outcome.status === 'saving'}
                          icon={busy ? <Spinner size="tiny" /> : undefined}
                          onClick={() => tools.remove(spec.id)}
                          data-testid={`mapping-remove-${spec.id}`}
                        >
                          {t.mappingRemoveShort}
                        </Button>
                      ) : null}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {editing ? <TableEditor tools={tools} editing={editing} lang={lang} t={t} f={f} /> : null}
          <div>
            <Button appearance="subtle" size="small" onClick={tools.close} data-testid="mapping-close">
              {t.mappingClose}
            </Button>
          </div>
        </>
      ) : null}
    </>
  );
}

function TableEditor({
  tools,
  editing,
  lang,
  t,
  f,
}: {
  tools: MappingTools;
  editing: MappingEditing;
  lang: Lang;
  t: EditorTexts;
  f: ReturnType<typeof formatters>;
}) {
  const styles = useStyles();
  const headingId = useId();
  const sourcesId = useId();
  const sourcesHintId = useId();
  const [rangeText, setRangeText] = useState('');
  const [rangeInvalid, setRangeInvalid] = useState(false);
  const spec = useMemo(() => specOf(editing.tableId), [editing.tableId]);
  const label = (c: ColumnSpec) => (lang === 'es' ? c.es : c.en);
  const { draft } = editing;
  const tables = tools.context.status === 'ready' ? tools.context.context.tables : [];
  const headers = useMemo(() => {
    const first = [...editing.sources.values()][0];
    return (first?.headers ?? []).map(String);
  }, [editing.sources]);
  const months = useMemo(() => monthHeadersOf(headers), [headers]);
  const picked = (name: string) => draft.sources.some((s) => s.toLowerCase() === name.toLowerCase());
  const toggle = (name: string, on: boolean) =>
    tools.setSources(
      on ? [...draft.sources, name] : draft.sources.filter((s) => s.toLowerCase() !== name.toLowerCase()),
    );
  const issues = useMemo(() => draftIssues(spec, draft), [spec, draft]);
  const coverage = coverageOf(spec, draft);
  const pending = Object.entries(editing.suggestion).filter(
    ([id, s]) => JSON.stringify(draft.columns[id]) !== JSON.stringify(s),
  ).length;
  // Built from every row of the sources (a run's own code): once per draft, not per render.
  const ready = issues.length === 0 && editing.sources.size > 0;
  const preview = useMemo(
    () => (ready ? previewOf(spec, draft, editing.sources, lang, 3) : null),
    [ready, spec, draft, editing.sources, lang],
  );
  const saving = tools.outcome.status === 'saving';
  const show = (v: CellValue): string =>
    v === null || v === undefined
      ? ''
      : typeof v === 'number'
        ? f.plain(v)
        : v instanceof Date
          ? v.toISOString().slice(0, 10)
          : typeof v === 'boolean'
            ? String(v)
            : typeof v === 'string'
              ? v
              : '#';

  return (
    <div className={styles.editor} role="group" aria-labelledby={headingId} data-testid="mapping-editor">
      <Text as="h3" weight="semibold" id={headingId}>
        {t.mappingEditTitle(lang === 'es' ? spec.es : spec.en)}
      </Text>

      {/* A group of checkboxes, not a Field: a Field gives its one control id to every checkbox inside it. */}
      <div role="group" aria-labelledby={sourcesId} aria-describedby={sourcesHintId} data-testid="mapping-sources">
        <Text as="p" block weight="semibold" id={sourcesId}>
          {t.mappingSources}
        </Text>
        <Caption1 as="p" id={sourcesHintId} className={styles.wrap}>
          {t.mappingSourcesHint}
        </Caption1>
        {tables.map((tb) => (
          <div key={tb.name} data-testid={`mapping-source-${tb.name}`}>
            <Checkbox
              label={t.mappingSourceLabel(tb.name, tb.sheet, f.units(tb.rowCount))}
              checked={picked(tb.name)}
              onChange={(_, d) => toggle(tb.name, d.checked === true)}
            />
          </div>
        ))}
        {draft.sources
          .filter((s) => isRangeRef(s))
          .map((ref) => (
            <div key={ref} data-testid="mapping-source-range">
              <Checkbox label={t.mappingRangeLabel(ref)} checked onChange={() => toggle(ref, false)} />
            </div>
          ))}
        <Field
          label={t.mappingRange}
          hint={t.mappingRangeHint}
          validationMessage={rangeInvalid ? t.mappingRangeInvalid : undefined}
        >
          <div className={styles.inline}>
            <Input
              value={rangeText}
              onChange={(_, d) => {
                setRangeText(d.value);
                setRangeInvalid(false);
              }}
              data-testid="mapping-range"
            />
            <Button
              size="small"
              onClick={() => {
                const r = parseRangeRef(rangeText);
                if (!r) return setRangeInvalid(true);
                if (!picked(r.ref)) toggle(r.ref, true);
                setRangeText('');
              }}
              data-testid="mapping-range-add"
            >
              {t.mappingRangeAdd}
            </Button>
          </div>
        </Field>
      </div>
      {editing.reading ? <Spinner size="tiny" label={t.mappingReading} /> : null}
      {editing.readError ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody className={styles.wrap}>
            <MessageBarTitle>{t.mappingReadFailed}</MessageBarTitle>
            {errorText(editing.readError, lang)}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {Object.keys(editing.suggestion).length > 0 ? (
        <div className={styles.inline}>
          <Caption1>{t.mappingSuggestions(Object.keys(editing.suggestion).length)}</Caption1>
          <Button size="small" disabled={pending === 0} onClick={tools.acceptSuggestions} data-testid="mapping-accept">
            {t.mappingAccept}
          </Button>
        </div>
      ) : null}

      {/* Which model columns are covered how: the names, not only the counts. */}
      <div data-testid="mapping-coverage">
        <Text weight="semibold">{t.mappingCoverage}</Text>
        <ul className={styles.coverage}>
          {COVERAGE_KINDS.map((kind) => {
            const names = coverage.filter((x) => x.coverage === kind).map((x) => label(x.column));
            return names.length === 0 ? null : (
              <li key={kind} data-testid={`mapping-coverage-${kind}`}>
                <Caption1 className={styles.wrap}>
                  {`${t.mappingCoverageKinds[kind]} (${names.length}): ${names.join(', ')}`}
                </Caption1>
              </li>
            );
          })}
        </ul>
      </div>

      <Text weight="semibold">{t.mappingColumns}</Text>
      {spec.columns.map((c) => (
        <ColumnChoice
          key={c.id}
          column={c}
          label={label(c)}
          source={draft.columns[c.id]}
          suggestion={editing.suggestion[c.id]}
          draft={draft}
          headers={headers}
          months={months}
          onChange={(s) => tools.setColumn(c.id, s)}
          t={t}
        />
      ))}

      {issues.length > 0 ? (
        <MessageBar intent="warning" layout="multiline" data-testid="mapping-issues">
          <MessageBarBody className={styles.wrap}>
            <MessageBarTitle>{t.mappingToDecide}</MessageBarTitle>
            <ul>
              {issues.map((i) => (
                <li key={i.es}>{i[lang]}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {preview === null ? (
        <Caption1>{t.mappingPreviewWaiting}</Caption1>
      ) : preview.errors.length > 0 ? (
        <MessageBar intent="error" layout="multiline" data-testid="mapping-preview-errors">
          <MessageBarBody className={styles.wrap}>
            <ul>
              {preview.errors.map((e, i) => (
                <li key={i}>{e[lang]}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : (
        // Transposed (a model column per row, a preview row per column): it fits a 320 px pane.
        <table className={styles.preview} data-testid="mapping-preview">
          <caption className={styles.wrap}>{t.mappingPreview(preview.rows.length, f.units(preview.total))}</caption>
          <colgroup>
            <col className={styles.labelColumn} />
          </colgroup>
          <thead>
            <tr>
              <th className={styles.cell} scope="col">
                {t.mappingColumns}
              </th>
              {preview.rows.map((_, i) => (
                <th key={i} className={styles.cell} scope="col">
                  {t.mappingPreviewRow(i + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.headers.map((h, j) => (
              <tr key={h}>
                <th className={styles.cell} scope="row">
                  {h}
                </th>
                {preview.rows.map((r, i) => (
                  <td key={i} className={styles.cell}>
                    {show(r[j])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={issues.length > 0 || saving || editing.reading}
          icon={saving ? <Spinner size="tiny" /> : undefined}
          onClick={tools.save}
          data-testid="mapping-save"
        >
          {saving ? t.mappingSaving : t.mappingSave}
        </Button>
        <Button onClick={tools.cancel} data-testid="mapping-cancel">
          {t.mappingCancel}
        </Button>
      </div>
    </div>
  );
}

function ColumnChoice({
  column,
  label,
  source,
  suggestion,
  draft,
  headers,
  months,
  onChange,
  t,
}: {
  column: ColumnSpec;
  label: string;
  source: ColumnSource | undefined;
  suggestion: ColumnSource | undefined;
  draft: TableDraft;
  headers: readonly string[];
  months: readonly string[];
  onChange: (s: ColumnSource | null) => void;
  t: EditorTexts;
}) {
  const styles = useStyles();
  const numeric = ['number', 'integer', 'money', 'fraction', 'measure', 'rate_or_amount'].includes(column.type);
  const monthsChosen = Object.values(draft.columns).some((s) => s.kind === 'months');
  const describe = (s: ColumnSource): string =>
    s.kind === 'column'
      ? t.mappingColumnOption(s.header)
      : s.kind === 'sheet'
        ? t.mappingSheetOption
        : s.kind === 'table'
          ? t.mappingTableOption
          : s.kind === 'value'
            ? t.mappingValueOption
            : s.kind === 'months'
              ? t.mappingMonthsOption(s.headers[0] ?? '', s.headers.at(-1) ?? '', s.headers.length)
              : s.kind === 'ratio'
                ? `${s.amount} ÷ ${s.quantity}`
                : s.kind === 'yearMonth'
                  ? s.yearColumn
                    ? `${s.yearColumn} + ${s.month}`
                    : `${s.month} (${s.year ?? '?'})`
                  : String(s.value);
  const hint =
    suggestion && JSON.stringify(suggestion) !== JSON.stringify(source)
      ? t.mappingSuggested(describe(suggestion))
      : undefined;
  const choose = (value: string) => {
    if (value === '') onChange(null);
    else if (value.startsWith('column:')) onChange({ kind: 'column', header: value.slice('column:'.length) });
    else if (value === 'constant') onChange({ kind: 'constant', value: '' });
    else if (value === 'sheet' || value === 'table' || value === 'value') onChange({ kind: value });
    else if (value === 'months')
      onChange({
        kind: 'months',
        headers: [...months],
        year: suggestion?.kind === 'months' ? suggestion.year : null,
        split: null,
      });
    else if (value === 'yearMonth')
      onChange(
        suggestion?.kind === 'yearMonth'
          ? suggestion
          : { kind: 'yearMonth', month: headers[0] ?? '', yearColumn: null, year: null },
      );
    else if (value === 'ratio')
      onChange({ kind: 'ratio', amount: headers[0] ?? '', quantity: headers[1] ?? '', amountIs: null });
  };
  const quarters = source?.kind === 'months' && hasQuarterColumns(source.headers);
  const needsYear = source?.kind === 'months' && monthsNeedYear(source.headers);
  return (
    <div data-testid={`mapping-column-${column.id}`}>
      <Field label={column.required ? `${label} (${t.mappingRequired})` : label} hint={hint}>
        <Select className={styles.select} value={encode(source)} onChange={(_, d) => choose(d.value)}>
          <option value="">{column.required ? t.mappingNoneRequired : t.mappingNone}</option>
          {headers.map((h) => (
            <option key={h} value={`column:${h}`}>
              {t.mappingColumnOption(h)}
            </option>
          ))}
          <option value="constant">{t.mappingConstantOption}</option>
          <option value="sheet">{t.mappingSheetOption}</option>
          <option value="table">{t.mappingTableOption}</option>
          {column.type === 'period' && months.length > 0 ? (
            <option value="months">{t.mappingMonthsOption(months[0], months.at(-1)!, months.length)}</option>
          ) : null}
          {column.type === 'period' && headers.length > 0 ? (
            <option value="yearMonth">{t.mappingYearMonthOption}</option>
          ) : null}
          {numeric && (monthsChosen || source?.kind === 'value') ? (
            <option value="value">{t.mappingValueOption}</option>
          ) : null}
          {column.type === 'money' && headers.length > 1 ? <option value="ratio">{t.mappingRatioOption}</option> : null}
        </Select>
      </Field>
      {source?.kind === 'constant' ? (
        <Field label={`${t.mappingConstant} · ${label}`}>
          <Input
            value={String(source.value)}
            onChange={(_, d) => onChange({ kind: 'constant', value: d.value })}
            data-testid={`mapping-constant-${column.id}`}
          />
        </Field>
      ) : null}
      {source?.kind === 'months' && needsYear ? (
        <Field label={t.mappingYear}>
          <YearInput value={source.year} onChange={(year) => onChange({ ...source, year })} testId="mapping-year" />
        </Field>
      ) : null}
      {source?.kind === 'months' && quarters ? (
        <Field label={t.mappingSplit}>
          <RadioGroup
            value={source.split === null ? '' : source.split.every((w) => w === 1) ? 'equal' : 'weights'}
            onChange={(_, d) => onChange({ ...source, split: d.value === 'equal' ? [1, 1, 1] : [30, 30, 40] })}
          >
            <Radio value="equal" label={t.mappingSplitEqual} />
            <Radio value="weights" label={t.mappingSplitWeights} />
          </RadioGroup>
          {source.split && !source.split.every((w) => w === 1) ? (
            <div className={styles.inline}>
              {source.split.map((w, k) => (
                <Input
                  key={k}
                  className={styles.weight}
                  type="number"
                  aria-label={t.mappingWeight(k + 1)}
                  value={String(w)}
                  onChange={(_, d) => {
                    const split = [...source.split!] as [number, number, number];
                    split[k] = Math.max(0, Number(d.value) || 0);
                    onChange({ ...source, split });
                  }}
                />
              ))}
            </div>
          ) : null}
        </Field>
      ) : null}
      {source?.kind === 'yearMonth' ? (
        <div>
          <HeaderSelect
            label={`${t.mappingMonthColumn} · ${label}`}
            value={source.month}
            headers={headers}
            onChange={(v) => onChange({ ...source, month: v })}
          />
          <HeaderSelect
            label={`${t.mappingYearColumn} · ${label}`}
            value={source.yearColumn}
            headers={headers}
            empty={t.mappingFixedYear}
            onChange={(v) => onChange({ ...source, yearColumn: v === '' ? null : v })}
          />
          {source.yearColumn === null ? (
            <Field label={t.mappingYear}>
              <YearInput value={source.year} onChange={(year) => onChange({ ...source, year })} />
            </Field>
          ) : null}
        </div>
      ) : null}
      {source?.kind === 'ratio' ? (
        <div>
          <HeaderSelect
            label={`${t.mappingAmount} · ${label}`}
            value={source.amount}
            headers={headers}
            onChange={(v) => onChange({ ...source, amount: v })}
          />
          <HeaderSelect
            label={`${t.mappingQuantity} · ${label}`}
            value={source.quantity}
            headers={headers}
            onChange={(v) => onChange({ ...source, quantity: v })}
          />
          <Field label={t.mappingAmountIs}>
            <RadioGroup
              value={source.amountIs ?? ''}
              onChange={(_, d) => onChange({ ...source, amountIs: d.value === 'gross' ? 'gross' : 'net' })}
            >
              <Radio value="gross" label={t.mappingGross} />
              <Radio value="net" label={t.mappingNet} />
            </RadioGroup>
          </Field>
        </div>
      ) : null}
    </div>
  );
}

/** A Select of the source's headers (and, with `empty`, a first option meaning none: ''). */
function HeaderSelect({
  label,
  value,
  headers,
  empty,
  onChange,
}: {
  label: string;
  value: string | null;
  headers: readonly string[];
  empty?: string;
  onChange: (header: string) => void;
}) {
  const styles = useStyles();
  return (
    <Field label={label}>
      <Select className={styles.select} value={value ?? ''} onChange={(_, d) => onChange(d.value)}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A year typed by the KAM: an integer, or null while the input is empty or not one. */
function YearInput({
  value,
  onChange,
  testId,
}: {
  value: number | null;
  onChange: (year: number | null) => void;
  testId?: string;
}) {
  return (
    <Input
      type="number"
      value={value === null ? '' : String(value)}
      onChange={(_, d) => {
        const y = Number(d.value);
        onChange(d.value.trim() !== '' && Number.isInteger(y) ? y : null);
      }}
      data-testid={testId}
    />
  );
}
