/**
 * Progress on stderr for runs that take a while: nothing for quick runs (under `delayMs`) or when stderr is not a
 * terminal (logs and pipes get no control characters); otherwise one line redrawn in place per stage.
 */
import type { Lang } from '../engine/model';

export type Stage = 'reading' | 'validating' | 'computing' | 'laying_out' | 'writing';

const STAGE_LABEL: Record<Lang, Record<Stage, string>> = {
  es: {
    reading: 'Leyendo',
    validating: 'Validando',
    computing: 'Calculando',
    laying_out: 'Armando',
    writing: 'Escribiendo',
  },
  en: {
    reading: 'Reading',
    validating: 'Validating',
    computing: 'Computing',
    laying_out: 'Laying out',
    writing: 'Writing',
  },
};

export interface ProgressDisplay {
  update(stage: string, fraction: number): void;
  /** Clears the line (when one was drawn) and stops the timer. */
  done(): void;
}

export function progressDisplay(opts: {
  write: (text: string) => void;
  isTTY: boolean;
  lang: Lang;
  /** Show only once the run has lasted this long (1 s in the CLI; 0 shows at once). */
  delayMs: number;
}): ProgressDisplay {
  const { write, isTTY, lang, delayMs } = opts;
  let stage = '';
  let fraction = 0;
  let shown = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const render = () => {
    const label = STAGE_LABEL[lang][stage as Stage] ?? stage;
    const f = Math.min(1, Math.max(0, fraction));
    const filled = Math.round(f * 20);
    write(`\r\x1b[K${label.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${Math.round(f * 100)}%`);
  };

  if (isTTY) {
    if (delayMs <= 0) shown = true;
    else {
      timer = setTimeout(() => {
        shown = true;
        if (stage) render();
      }, delayMs);
      timer.unref?.(); // never keeps the process alive on its own
    }
  }

  return {
    update(s, f) {
      stage = s;
      fraction = f;
      if (shown) render();
    },
    done() {
      if (timer) clearTimeout(timer);
      if (shown && stage) write('\r\x1b[K');
      shown = false;
    },
  };
}
