/**
 * The pane's mapping editor state: what the workbook holds (read when the KAM opens the editor), the table being
 * mapped (its draft, the user's tables it reads, the suggestions), and saving or removing a table's mapping through
 * the host (src/workbook/mapping/store.ts), after which the workbook is read again. The mapping code is loaded
 * when the KAM opens the editor (a chunk of its own), not with the pane.
 */
import { useCallback, useRef, useState } from 'react';
import type { Lang } from '../engine/model';
import type { ColumnSource, TableDraft } from '../workbook/mapping/draft';
import type { MappingContext, MappingSaveReport } from '../workbook/mapping/store';
import type { TableGrid, WorkbookHost } from '../workbook/port';
import { readSources as readMappingSources } from '../workbook/mapping/mapping';

export interface MappingEditing {
  tableId: string;
  draft: TableDraft;
  /** The user's tables the draft reads, as read when picked. */
  sources: ReadonlyMap<string, TableGrid>;
  /** What the suggestions say for the sources picked (applied in one click), by column id. */
  suggestion: Readonly<Record<string, ColumnSource>>;
  /** Reading the sources picked. */
  reading: boolean;
  readError?: unknown;
}

export type MappingOutcome =
  | { status: 'idle' }
  | { status: 'saving'; tableId: string }
  | { status: 'saved'; tableId: string; removed: boolean; report: MappingSaveReport }
  | { status: 'failed'; tableId: string; error: unknown };

export type MappingContextState =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'ready'; context: MappingContext }
  | { status: 'failed'; error: unknown };

/** The mapping's suggestions, drafts and store, in a chunk of their own. */
const mappingCode = () =>
  Promise.all([
    import(/* webpackChunkName: "mapping" */ '../workbook/mapping/draft'),
    import(/* webpackChunkName: "mapping" */ '../workbook/mapping/store'),
  ]).then(([draft, store]) => ({ ...draft, ...store }));

export function useMapping(host: WorkbookHost, lang: Lang, onSaved: () => void) {
  const [context, setContext] = useState<MappingContextState>({ status: 'closed' });
  const [editing, setEditing] = useState<MappingEditing | null>(null);
  const [outcome, setOutcome] = useState<MappingOutcome>({ status: 'idle' });
  const busy = useRef(false);
  /** The newest source read wins: picking tables quickly never shows an older read. */
  const readId = useRef(0);

  const load = useCallback(async (): Promise<MappingContext | null> => {
    setContext({ status: 'loading' });
    try {
      const { readMappingContext } = await mappingCode();
      const c = await readMappingContext(host);
      setContext({ status: 'ready', context: c });
      return c;
    } catch (error) {
      setContext({ status: 'failed', error });
      return null;
    }
  }, [host]);

  const open = useCallback(() => void load(), [load]);
  const close = useCallback(() => {
    setEditing(null);
    setContext({ status: 'closed' });
  }, []);

  /** Reads the picked sources and works out the suggestions for them. */
  const readSources = useCallback(
    async (tableId: string, draft: TableDraft, fiscalYear: number | undefined, apply: boolean) => {
      const id = ++readId.current;
      setEditing({ tableId, draft, sources: new Map(), suggestion: {}, reading: draft.sources.length > 0 });
      if (draft.sources.length === 0) return;
      try {
        const { specOf, suggestDraft } = await mappingCode();
        const grids = await readMappingSources(host, draft.sources);
        if (id !== readId.current) return;
        const found = draft.sources.map((n) =>
          [...grids.values()].find((g) => g.name.toLowerCase() === n.toLowerCase()),
        );
        const sources = new Map(found.filter((g): g is TableGrid => !!g).map((g) => [g.name, g]));
        const { draft: suggested } = suggestDraft(specOf(tableId), [...sources.values()], fiscalYear);
        setEditing({
          tableId,
          draft: apply ? { ...draft, columns: suggested.columns } : draft,
          sources,
          suggestion: suggested.columns,
          reading: false,
        });
      } catch (readError) {
        if (id === readId.current)
          setEditing({ tableId, draft, sources: new Map(), suggestion: {}, reading: false, readError });
      }
    },
    [host],
  );

  /** Starts editing a table's mapping: the saved one, or an empty one. */
  const edit = useCallback(
    (tableId: string) => {
      if (context.status !== 'ready') return;
      setOutcome({ status: 'idle' });
      const { rules, fiscalYear } = context.context;
      void mappingCode().then(({ draftOfRules, specOf }) =>
        readSources(tableId, draftOfRules(specOf(tableId), rules), fiscalYear, false),
      );
    },
    [context, readSources],
  );

  /**
   * The user's tables the mapping reads. A first pick (nothing mapped yet) takes the suggestions at once; later the
   * KAM's choices stay and the suggestions wait for the one click.
   */
  const setSources = useCallback(
    (names: string[]) => {
      if (!editing || context.status !== 'ready') return;
      const empty = Object.keys(editing.draft.columns).length === 0;
      void readSources(editing.tableId, { ...editing.draft, sources: names }, context.context.fiscalYear, empty);
    },
    [editing, context, readSources],
  );

  const setColumn = useCallback((columnId: string, source: ColumnSource | null) => {
    setEditing((e) => {
      if (!e) return e;
      const columns = { ...e.draft.columns };
      if (source) columns[columnId] = source;
      else delete columns[columnId];
      return { ...e, draft: { ...e.draft, columns } };
    });
  }, []);

  /** Every suggestion applied in one click; the KAM's other choices stay. */
  const acceptSuggestions = useCallback(() => {
    setEditing((e) => (e ? { ...e, draft: { ...e.draft, columns: { ...e.draft.columns, ...e.suggestion } } } : e));
  }, []);

  const cancel = useCallback(() => setEditing(null), []);

  const write = useCallback(
    async (tableId: string, draft: TableDraft | null) => {
      if (busy.current || context.status !== 'ready') return;
      busy.current = true;
      setOutcome({ status: 'saving', tableId });
      try {
        const { saveTableMapping } = await mappingCode();
        const report = await saveTableMapping(host, context.context, tableId, draft, lang);
        setOutcome({ status: 'saved', tableId, removed: draft === null, report });
        setEditing(null);
        onSaved();
        await load();
      } catch (error) {
        setOutcome({ status: 'failed', tableId, error });
      } finally {
        busy.current = false;
      }
    },
    [host, context, lang, onSaved, load],
  );

  const save = useCallback(() => {
    if (editing) void write(editing.tableId, editing.draft);
  }, [editing, write]);
  const remove = useCallback((tableId: string) => void write(tableId, null), [write]);

  return {
    context,
    editing,
    outcome,
    open,
    close,
    edit,
    setSources,
    setColumn,
    acceptSuggestions,
    cancel,
    save,
    remove,
    canSave: typeof host.saveRows === 'function',
  };
}

export type MappingTools = ReturnType<typeof useMapping>;
