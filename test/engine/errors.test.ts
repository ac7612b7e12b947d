/** The one bilingual error type: a library's English message never lands inside the Spanish sentence (defect 8). */
import { TradeTermsError, withTechnicalDetail } from '../../src/engine/errors';

test('the original message goes on its own labelled line, in both languages', () => {
  const e = new TradeTermsError(
    'invalid_model',
    { es: 'No se pudo leer el libro.', en: 'The workbook could not be read.' },
    { cause: new Error('End of data reached (data length = 0, asked index = 4)') },
  );
  expect(e.text('es')).toBe(
    'No se pudo leer el libro.\nDetalle técnico (mensaje original, en inglés): End of data reached (data length = 0, asked index = 4)',
  );
  expect(e.text('en')).toBe(
    'The workbook could not be read.\nTechnical detail (original message): End of data reached (data length = 0, asked index = 4)',
  );
});

test('no detail line when there is no cause, or the sentence already quotes it', () => {
  expect(new TradeTermsError('invalid_model', { es: 'Mal.', en: 'Bad.' }).text('es')).toBe('Mal.');
  expect(withTechnicalDetail('Falta el archivo (ENOENT).', new Error('ENOENT'), 'es')).toBe(
    'Falta el archivo (ENOENT).',
  );
  expect(withTechnicalDetail('trade-terms: x', new Error('y'), 'en', '  ')).toBe(
    'trade-terms: x\n  Technical detail (original message): y',
  );
});
