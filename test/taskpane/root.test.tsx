/** @jest-environment jsdom */
/** The demo boot path: Root opens the initial workbook, exposes it to the e2e hook, shows load failures. */
import { fireEvent, render, screen } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { Root } from '../../src/taskpane/Root';
import { HostError } from '../../src/hosts/memory';
import { ErrorBoundary } from '../../src/taskpane/components/ErrorBoundary';
import { waitForPhase } from './render';
import { freshWorkbook } from './sample';

afterEach(() => {
  delete window.__ttmHost;
});

test('demo: the loaded workbook drives the pane and is exposed as window.__ttmHost', async () => {
  const wb = await freshWorkbook();
  render(<Root lang="es" theme={webLightTheme} demo loadInitialHost={() => Promise.resolve(wb)} />);
  expect(screen.getByTestId('demo-bar').textContent).toContain('Demostración en el navegador');
  // What to do next (defect 8): try an edit, write results, then open one's own workbook.
  expect(screen.getByTestId('demo-next')).toHaveTextContent(
    /elija un cliente, cambie una tasa.*Escribir resultados.*su propio libro/,
  );
  await waitForPhase('ready');
  expect(window.__ttmHost).toBe(wb);
}, 60000);

test('demo: a workbook that cannot be opened is reported, not swallowed', async () => {
  const failure = new HostError('input_not_xlsx', {
    es: '«x.csv» no es un libro .xlsx válido.',
    en: '"x.csv" is not a valid .xlsx workbook.',
  });
  render(<Root lang="en" theme={webLightTheme} demo loadInitialHost={() => Promise.reject(failure)} />);
  const bar = await screen.findByTestId('host-error');
  expect(bar.textContent).toBe('The workbook could not be read"x.csv" is not a valid .xlsx workbook.');
  expect(window.__ttmHost).toBeUndefined();
});

test('inside Office: the given host is used and no demo bar or test hook appears', async () => {
  const wb = await freshWorkbook();
  render(<Root lang="en" theme={webLightTheme} demo={false} initialHost={wb} />);
  await waitForPhase('ready');
  expect(screen.queryByTestId('demo-bar')).not.toBeInTheDocument();
  expect(window.__ttmHost).toBeUndefined();
}, 60000);

test('a host that fails to read is reported in the pane language', async () => {
  const wb = await freshWorkbook();
  const broken = Object.assign(Object.create(wb) as typeof wb, {
    readTables: () =>
      Promise.reject(Object.assign(new Error('x'), { es: 'Excel no respondió.', en: 'Excel did not answer.' })),
  });
  render(<Root lang="es" theme={webLightTheme} demo={false} initialHost={broken} />);
  const bar = await screen.findByTestId('load-error');
  expect(bar.textContent).toBe('No se pudo leer el libroExcel no respondió.');
});

test('a failure while rendering is shown with its message instead of a blank pane', () => {
  const Boom = (): never => {
    throw new Error('tier 7 does not exist');
  };
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
  try {
    render(
      <ErrorBoundary lang="en" title="The pane hit an error">
        <Boom />
      </ErrorBoundary>,
    );
  } finally {
    quiet.mockRestore();
  }
  expect(screen.getByTestId('render-error').textContent).toBe('The pane hit an errortier 7 does not exist');
});

test('demo: "Download with results" hands over the host\'s copy and says its name; a refusal is shown', async () => {
  const wb = await freshWorkbook();
  let answer: Promise<{ target: string; delivery: 'download' }> = Promise.reject(
    new HostError('nothing_to_download', {
      es: 'Todavía no hay resultados que descargar: primero use «Escribir resultados».',
      en: 'There are no results to download yet: use "Write results" first.',
    }),
  );
  answer.catch(() => undefined); // handled when the button is clicked
  const host = Object.assign(Object.create(wb) as typeof wb, { downloadResults: () => answer });
  render(<Root lang="en" theme={webLightTheme} demo loadInitialHost={() => Promise.resolve(host)} />);
  await waitForPhase('ready');
  const button = screen.getByTestId('download-results');
  expect(button).toHaveAccessibleDescription(/A copy of your \.xlsx with the result sheets written/);
  fireEvent.click(button);
  expect(await screen.findByTestId('download-error')).toHaveTextContent(
    'The download failed: There are no results to download yet: use "Write results" first.',
  );
  answer = Promise.resolve({ target: 'plan-with-results.xlsx', delivery: 'download' });
  fireEvent.click(button);
  expect(await screen.findByTestId('download-status')).toHaveTextContent('Downloaded: plan-with-results.xlsx.');
}, 60000);
