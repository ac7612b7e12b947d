/**
 * The pane's answer to missing input tables: an offer to create them (each on a new sheet, from the template) next
 * to the errors, and once done, what was created and whether Excel took the drop-down lists.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import type { Lang } from '../../engine/model';
import type { Texts } from '../i18n';
import { errorText } from '../errors';
import type { TablesAddState } from '../use-pane';

export interface MissingTablesProps {
  /** Offer the action (the workbook lacks input tables and the host can add them). */
  offer: boolean;
  state: TablesAddState;
  onAdd: () => void;
  lang: Lang;
  t: Texts;
}

export function MissingTables({ offer, state, onAdd, lang, t }: MissingTablesProps) {
  const adding = state.status === 'adding';
  return (
    <>
      {state.status === 'added' && state.report.added.length > 0 ? (
        <MessageBar intent="success" layout="multiline" politeness="polite" data-testid="tables-added">
          <MessageBarBody>
            {t.tablesAdded(
              state.report.added.map((a) => (a.table === a.sheet ? a.table : `${a.table} (${a.sheet})`)).join(', '),
              state.report.dropDowns,
            )}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {state.status === 'failed' ? (
        <MessageBar intent="error" layout="multiline" politeness="polite" data-testid="tables-add-failed">
          <MessageBarBody>
            <MessageBarTitle>{t.tablesAddFailed}</MessageBarTitle>
            {errorText(state.error, lang)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {offer ? (
        <MessageBar intent="info" layout="multiline" data-testid="add-tables-offer">
          <MessageBarBody>
            <MessageBarTitle>{t.addTablesTitle}</MessageBarTitle>
            {t.addTablesIntro}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              size="small"
              onClick={onAdd}
              disabled={adding}
              icon={adding ? <Spinner size="tiny" /> : undefined}
              data-testid="add-tables"
            >
              {adding ? t.addingTables : t.addTables}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
    </>
  );
}
