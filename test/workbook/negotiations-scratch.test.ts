/**
 * negotiationsOf (the run's) searches every customer on one set of scratch line buffers and lets it go after the
 * last: releasing it after each customer made the next allocate 128 MB again on a million lines (0.1–0.3 s each, the
 * allocator zeroing it). Seen through negotiation(), wrapped to record what it was asked and which buffer a scratch
 * recompute gets right after it.
 */
import { computeModel, computeScenario, releaseScratch, type Model, type ModelResults } from '../../src/engine';
import * as negotiationModule from '../../src/engine/negotiation';
import { negotiationsOf } from '../../src/workbook/results';
import { sampleModel } from '../engine/sample-models';

type NegotiationModule = typeof negotiationModule;
function mockActual(): NegotiationModule {
  return jest.requireActual<NegotiationModule>('../../src/engine/negotiation');
}

jest.mock('../../src/engine/negotiation', () => ({ ...mockActual(), negotiation: jest.fn() }));

const negotiation = negotiationModule.negotiation as jest.MockedFunction<typeof negotiationModule.negotiation>;

test('one scratch buffer for every customer of the run, let go after the last', async () => {
  const model: Model = await sampleModel();
  const base: ModelResults = computeModel(model);
  const s = (model.scenarios ?? [])[0];
  // A scratch recompute's line columns are the buffer itself.
  const buffer = () => computeScenario(model, base, s, { keepPromotions: true, scratch: true }).lines;
  const before = buffer();
  const after: unknown[] = [];
  negotiation.mockImplementation((...args) => {
    const n = mockActual().negotiation(...args);
    after.push(buffer());
    return n;
  });
  const customers = negotiationsOf(model, base, {}).map((n) => n.customerId);
  expect(customers).toEqual([...new Set((model.scenarios ?? []).map((x) => x.customerId))]);
  expect(customers.length).toBe(3);
  expect(negotiation.mock.calls.map((c) => c[3]?.keepScratch)).toEqual([true, true, true]);
  // Kept between customers (the buffer made before the run is the one each customer's searches used)…
  expect(after.length).toBe(3);
  for (const b of after) expect(b).toBe(before);
  // …and let go after the last.
  expect(buffer()).not.toBe(before);
  releaseScratch(base);
});
