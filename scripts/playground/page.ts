/**
 * The playground page: the DOM side of core.ts and race.ts, loaded by
 * index.html as an ES module straight from dist/ (no bundler).
 *
 *   controls   one form built from FIELDS; any change rebuilds the run from
 *              the settings and writes them into the address (a link
 *              reproduces the run)
 *   training   Play trains in slices of a few epochs, each followed by a
 *              redraw and a yield to the browser (setTimeout), so the page
 *              never freezes; Step trains one epoch; Reset starts again
 *   pictures   the decision boundary with the points, the loss curves, a
 *              map per hidden unit, and the optimiser race
 *   scripted   `?run=1` first does the `actions` (`step;reset;set:lr=0.1`,
 *              by clicking the buttons and changing the controls), then
 *              plays to `epochs` epochs, draws, and writes a JSON summary
 *              (accuracies, weights fingerprint, race results, each
 *              action's state, errors) into #result for a headless browser
 */
import { ACTIVATIONS, DATASETS, OPTIMIZERS, PENALTIES, Playground, equationsOf, parseSettings, settingsQuery } from './core.js';
import type { EquationRef, Settings } from './core.js';
import { SURFACES, race } from './race.js';
import type { Surface } from './race.js';

interface Field {
  key: keyof Settings;
  label: string;
  kind: 'select' | 'number' | 'text' | 'range';
  options?: readonly string[];
  min?: number;
  max?: number;
  step?: number;
  legend?: string;
}

const FIELDS: readonly Field[] = [
  { key: 'data', label: 'Data set', kind: 'select', options: DATASETS, legend: 'Data' },
  { key: 'n', label: 'Points', kind: 'number', min: 20, max: 2000, step: 10 },
  { key: 'noise', label: 'Noise σ', kind: 'range', min: 0, max: 0.5, step: 0.01 },
  { key: 'testFraction', label: 'Test fraction', kind: 'range', min: 0.1, max: 0.9, step: 0.05 },
  { key: 'hidden', label: 'Hidden widths', kind: 'text', legend: 'Network' },
  { key: 'activation', label: 'Activation', kind: 'select', options: ACTIVATIONS },
  { key: 'optimizer', label: 'Optimizer', kind: 'select', options: OPTIMIZERS, legend: 'Training' },
  { key: 'lr', label: 'Learning rate η', kind: 'number', min: 0, max: 10, step: 0.001 },
  { key: 'batchSize', label: 'Batch size', kind: 'number', min: 1, max: 2000, step: 1 },
  { key: 'epochs', label: 'Epochs', kind: 'number', min: 1, max: 100000, step: 10 },
  { key: 'penalty', label: 'Penalty R(W)', kind: 'select', options: PENALTIES, legend: 'Regularisation' },
  { key: 'lambda', label: 'λ', kind: 'number', min: 0, max: 10, step: 0.0001 },
  { key: 'dropout', label: 'Dropout p', kind: 'range', min: 0, max: 0.9, step: 0.05 },
  { key: 'seed', label: 'Seed', kind: 'number', min: 0, max: 4294967295, step: 1, legend: 'Reproducibility' },
];

const CLASS_COLOURS: readonly (readonly [number, number, number])[] = [[232, 135, 30], [31, 119, 180], [44, 160, 44]];
const RACE_COLOURS: Readonly<Record<string, string>> = {
  sgd: '#222222', momentum: '#d62728', nesterov: '#e377c2', adagrad: '#2ca02c', adadelta: '#8c564b', rmsprop: '#17becf', adam: '#1f77b4',
};

const errors = (): string[] => (window as unknown as { playgroundErrors?: string[] }).playgroundErrors ?? [];

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const e = document.getElementById(id);
  if (!(e instanceof type)) throw new Error(`playground page: no #${id} element of the expected kind`);
  return e;
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const c = canvas.getContext('2d');
  if (c === null) throw new Error('playground page: no 2-D canvas context');
  return c;
}

/** Links to the equations of a control (or of its current choice): 'EQ-… ' opening the file that implements it. */
function fillEquations(target: HTMLElement, refs: readonly EquationRef[]): void {
  target.replaceChildren(
    ...refs.flatMap((ref) => {
      const a = document.createElement('a');
      a.href = `/${ref.file}`;
      a.target = '_blank';
      a.textContent = ref.id;
      a.title = `${ref.id}, implemented in ${ref.file}`;
      a.dataset['file'] = ref.file;
      return [a, document.createTextNode(' ')];
    }),
    document.createTextNode(refs.map((ref) => ref.file).filter((f, i, all) => all.indexOf(f) === i).join(', ')),
  );
}

const SELECT_KEYS = new Set<keyof Settings>(['activation', 'optimizer', 'penalty']);

function fieldEquations(key: keyof Settings, value: string): readonly EquationRef[] {
  return SELECT_KEYS.has(key) ? equationsOf(key, value) : equationsOf(key);
}

// ---- state ----------------------------------------------------------------

const query = new URLSearchParams(location.search);
const scripted = query.get('run') === '1';
let settings: Settings;
let run: Playground;
let playing = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let surfaceIndex = Math.max(0, SURFACES.findIndex((s) => s.name === (query.get('surface') ?? 'ravine')));
let raceTimer: ReturnType<typeof setTimeout> | undefined;

const form = element('form', HTMLFormElement);
const message = element('message', HTMLDivElement);
const playButton = element('play', HTMLButtonElement);

function buildForm(s: Settings): void {
  let fieldset: HTMLFieldSetElement | undefined;
  for (const field of FIELDS) {
    if (field.legend !== undefined || fieldset === undefined) {
      fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = field.legend ?? '';
      fieldset.append(legend);
      form.append(fieldset);
    }
    const row = document.createElement('div');
    row.className = 'row';
    const label = document.createElement('label');
    label.htmlFor = `f-${field.key}`;
    label.textContent = field.label;
    const value = field.key === 'hidden' ? s.hidden.join(',') : String(s[field.key]);
    let input: HTMLInputElement | HTMLSelectElement;
    if (field.kind === 'select') {
      const select = document.createElement('select');
      for (const option of field.options ?? []) select.append(new Option(option, option));
      input = select;
    } else {
      const box = document.createElement('input');
      box.type = field.kind;
      if (field.min !== undefined) box.min = String(field.min);
      if (field.max !== undefined) box.max = String(field.max);
      if (field.step !== undefined) box.step = String(field.step);
      input = box;
    }
    input.id = `f-${field.key}`;
    input.name = field.key;
    input.value = value;
    const cell = document.createElement('div');
    cell.append(input);
    if (field.kind === 'range') {
      const out = document.createElement('output');
      out.textContent = ` ${value}`;
      input.addEventListener('input', () => (out.textContent = ` ${input.value}`));
      cell.append(out);
    }
    const eq = document.createElement('div');
    eq.className = 'eq';
    fillEquations(eq, fieldEquations(field.key, value));
    input.addEventListener('change', () => {
      fillEquations(eq, fieldEquations(field.key, input.value));
      applyForm();
    });
    row.append(label, cell, eq);
    fieldset.append(row);
  }
}

/** Read the form into settings; a bad value is shown, and the run keeps the last good settings. */
function applyForm(): void {
  const q = new URLSearchParams();
  for (const field of FIELDS) {
    const input = form.elements.namedItem(field.key);
    if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) q.set(field.key, input.value);
  }
  try {
    const next = parseSettings(q);
    reset(next);
    const search = settingsQuery(next);
    history.replaceState(null, '', search === '' ? location.pathname : `?${search}`);
  } catch (error) {
    message.textContent = error instanceof Error ? error.message : String(error);
  }
}

function reset(next: Settings): void {
  pause();
  const fresh = new Playground(next);
  settings = next;
  run = fresh;
  message.textContent = '';
  drawTraining();
}

// ---- training in slices -------------------------------------------------------

/** Epochs per slice: about 30 optimizer steps, at least one epoch. */
function epochsPerSlice(): number {
  const steps = Math.ceil(run.train.y.shape[0]! / settings.batchSize);
  return Math.max(1, Math.floor(30 / steps));
}

function slice(): void {
  timer = undefined;
  if (!playing) return;
  const k = Math.min(epochsPerSlice(), settings.epochs - run.epoch);
  for (let e = 0; e < k; e++) run.step();
  drawTraining();
  if (run.epoch >= settings.epochs) {
    pause();
    if (scripted) finish();
    return;
  }
  timer = setTimeout(slice, 0);
}

function play(): void {
  if (playing || run.epoch >= settings.epochs) return;
  playing = true;
  playButton.textContent = 'Pause';
  playButton.classList.add('on');
  timer = setTimeout(slice, 0);
}

function pause(): void {
  playing = false;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  playButton.textContent = 'Play';
  playButton.classList.remove('on');
}

// ---- pictures ---------------------------------------------------------------

function drawAll(): void {
  drawTraining();
  drawRace(true);
}

function drawTraining(): void {
  drawBoundary();
  drawCurves();
  drawNeurons();
  const last = run.history[run.history.length - 1];
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  element('status', HTMLDivElement).textContent = last === undefined
    ? `epoch 0 / ${settings.epochs}: ${run.train.y.shape[0]} training and ${run.test.y.shape[0]} test points`
    : `epoch ${last.epoch} / ${settings.epochs} · loss train ${last.train.loss.toFixed(4)}, test ${last.test.loss.toFixed(4)} · accuracy train ${pct(last.train.accuracy)}, test ${pct(last.test.accuracy)}`;
  element('fingerprint', HTMLElement).textContent = run.fingerprint();
}

/** A plane point's pixel on a canvas showing the square viewport. */
function toPixel(x: number, y: number, width: number, height: number): [number, number] {
  const v = run.viewport;
  return [((x - v.x0) / v.size) * width, height - ((y - v.y0) / v.size) * height];
}

function drawBoundary(): void {
  const canvas = element('boundary', HTMLCanvasElement), c = context(canvas);
  const r = 80, K = run.data.classes, P = run.probabilities(r).data;
  const image = new ImageData(r, r);
  for (let k = 0; k < r * r; k++) {
    let best = 0, mix0 = 0, mix1 = 0, mix2 = 0;
    for (let j = 0; j < K; j++) {
      const p = P[k * K + j]!, colour = CLASS_COLOURS[j]!;
      if (p > best) best = p;
      mix0 += p * colour[0];
      mix1 += p * colour[1];
      mix2 += p * colour[2];
    }
    const alpha = 0.15 + 0.6 * ((best - 1 / K) / (1 - 1 / K));
    image.data[4 * k] = 255 + alpha * (mix0 - 255);
    image.data[4 * k + 1] = 255 + alpha * (mix1 - 255);
    image.data[4 * k + 2] = 255 + alpha * (mix2 - 255);
    image.data[4 * k + 3] = 255;
  }
  const small = document.createElement('canvas');
  small.width = r;
  small.height = r;
  context(small).putImageData(image, 0, 0);
  c.imageSmoothingEnabled = true;
  c.drawImage(small, 0, 0, canvas.width, canvas.height);
  const points = (part: { X: { data: Float64Array }; y: { data: Float64Array } }, ring: boolean): void => {
    for (let i = 0; i < part.y.data.length; i++) {
      const [px, py] = toPixel(part.X.data[2 * i]!, part.X.data[2 * i + 1]!, canvas.width, canvas.height);
      const colour = CLASS_COLOURS[part.y.data[i]!]!;
      c.beginPath();
      c.arc(px, py, 3.6, 0, 2 * Math.PI);
      c.fillStyle = `rgb(${colour.join(',')})`;
      c.fill();
      c.lineWidth = ring ? 1.4 : 0.8;
      c.strokeStyle = ring ? '#000' : '#fff';
      c.stroke();
    }
  };
  points(run.train, false);
  points(run.test, true);
}

function drawCurves(): void {
  const canvas = element('curves', HTMLCanvasElement), c = context(canvas), w = canvas.width, h = canvas.height, pad = 24;
  c.clearRect(0, 0, w, h);
  c.strokeStyle = '#ccc';
  c.lineWidth = 1;
  c.strokeRect(pad, 6, w - pad - 6, h - pad - 6);
  const hist = run.history;
  let top = 0;
  for (const r of hist) top = Math.max(top, r.train.loss, r.test.loss);
  top = top > 0 ? top * 1.05 : 1;
  const E = Math.max(settings.epochs, run.epoch, 2);
  const x = (e: number): number => pad + ((e - 1) / (E - 1)) * (w - pad - 6);
  const y = (v: number): number => 6 + (1 - Math.min(v, top) / top) * (h - pad - 6);
  c.fillStyle = '#666';
  c.font = '10px system-ui, sans-serif';
  c.fillText(top.toFixed(2), 1, 14);
  c.fillText('0', 12, h - pad + 2);
  c.fillText(`epoch ${E}`, w - 52, h - 8);
  c.fillText('1', pad, h - 8);
  const line = (value: (i: number) => number, colour: string, dash: number[]): void => {
    if (hist.length === 0) return;
    c.beginPath();
    hist.forEach((r, i) => (i === 0 ? c.moveTo(x(r.epoch), y(value(i))) : c.lineTo(x(r.epoch), y(value(i)))));
    c.setLineDash(dash);
    c.strokeStyle = colour;
    c.lineWidth = 1.6;
    c.stroke();
    c.setLineDash([]);
  };
  line((i) => hist[i]!.train.loss, '#333', []);
  line((i) => hist[i]!.test.loss, '#e8871e', [5, 3]);
}

function drawNeurons(): void {
  const holder = element('neurons', HTMLDivElement), r = 22;
  const maps = run.hiddenMaps(r);
  holder.replaceChildren(
    ...maps.map((layer, l) => {
      const div = document.createElement('div');
      div.className = 'neuron-layer';
      const title = document.createElement('div');
      title.textContent = `hidden layer ${l + 1}: ${layer.length} ${settings.activation} units`;
      const row = document.createElement('div');
      row.className = 'maps';
      for (const values of layer) {
        let m = 0;
        for (const v of values) m = Math.max(m, Math.abs(v));
        const image = new ImageData(r, r);
        for (let k = 0; k < r * r; k++) {
          const t = m > 0 ? values[k]! / m : 0, colour = t >= 0 ? CLASS_COLOURS[1]! : CLASS_COLOURS[0]!, a = Math.abs(t);
          image.data[4 * k] = 255 + a * (colour[0] - 255);
          image.data[4 * k + 1] = 255 + a * (colour[1] - 255);
          image.data[4 * k + 2] = 255 + a * (colour[2] - 255);
          image.data[4 * k + 3] = 255;
        }
        const canvas = document.createElement('canvas');
        canvas.width = r;
        canvas.height = r;
        context(canvas).putImageData(image, 0, 0);
        row.append(canvas);
      }
      div.append(title, row);
      return div;
    }),
  );
  if (maps.length === 0) holder.textContent = 'No hidden layer: the network is a linear classifier (softmax regression).';
}

function buildSurfaceButtons(): void {
  element('surfaces', HTMLDivElement).replaceChildren(
    ...SURFACES.map((surface, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = surface.name;
      b.addEventListener('click', () => {
        surfaceIndex = i;
        drawRace(false);
      });
      return b;
    }),
  );
}

/** The surface's contours: f on a grid, banded at twelve of its quantiles, with a darker pixel where the band changes. */
function contourImage(surface: Surface, r: number): ImageData {
  const { x0, y0, size } = surface.view, f = new Float64Array(r * r);
  for (let row = 0; row < r; row++) {
    for (let col = 0; col < r; col++) f[row * r + col] = surface.f(x0 + ((col + 0.5) / r) * size, y0 + size - ((row + 0.5) / r) * size);
  }
  const sorted = Float64Array.from(f).sort(), levels = 14;
  const cuts = Array.from({ length: levels - 1 }, (_, k) => sorted[Math.floor(((k + 1) / levels) ** 2 * (r * r - 1))]!);
  const band = new Uint8Array(r * r);
  for (let k = 0; k < r * r; k++) {
    let b = 0;
    while (b < cuts.length && f[k]! > cuts[b]!) b++;
    band[k] = b;
  }
  const image = new ImageData(r, r);
  for (let k = 0; k < r * r; k++) {
    const col = k % r, edge = (col + 1 < r && band[k + 1] !== band[k]) || (k + r < r * r && band[k + r] !== band[k]);
    const shade = edge ? 150 : 250 - 5 * band[k]!;
    image.data[4 * k] = shade;
    image.data[4 * k + 1] = shade;
    image.data[4 * k + 2] = shade + (edge ? 20 : 5);
    image.data[4 * k + 3] = 255;
  }
  return image;
}

function drawRace(animate: boolean): void {
  if (raceTimer !== undefined) clearTimeout(raceTimer);
  raceTimer = undefined;
  const surface = SURFACES[surfaceIndex]!, canvas = element('race', HTMLCanvasElement), c = context(canvas);
  const buttons = element('surfaces', HTMLDivElement).children;
  for (let i = 0; i < buttons.length; i++) buttons[i]!.classList.toggle('on', i === surfaceIndex);
  const r = canvas.width, small = document.createElement('canvas');
  small.width = r;
  small.height = r;
  context(small).putImageData(contourImage(surface, r), 0, 0);
  const results = race(surface), { x0, y0, size } = surface.view, w = canvas.width, h = canvas.height;
  const px = (x: number): number => ((x - x0) / size) * w, py = (y: number): number => h - ((y - y0) / size) * h;
  const caption = element('race-caption', HTMLParagraphElement);
  caption.textContent = `${surface.name}: ${surface.formula}, from (${surface.start.join(', ')}), ${surface.steps} steps; η = ${surface.lr} for SGD, momentum and Nesterov (γ = 0.9). `;
  const eq = document.createElement('span');
  eq.className = 'eq';
  fillEquations(eq, [...equationsOf('race'), ...equationsOf('surface', surface.name)]);
  caption.append(eq);
  element('race-legend', HTMLUListElement).replaceChildren(
    ...results.map((result) => {
      const li = document.createElement('li'), swatch = document.createElement('span'), link = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = RACE_COLOURS[result.name] ?? '#000';
      link.className = 'eq';
      fillEquations(link, equationsOf('optimizer', result.name).map((ref) => ({ ...ref })));
      li.append(swatch, `${result.name} f = ${result.final.toPrecision(3)} after ${result.path.length / 2 - 1} steps `, link);
      return li;
    }),
  );
  const longest = Math.max(...results.map((result) => result.path.length / 2));
  const frame = (upTo: number): void => {
    c.imageSmoothingEnabled = false;
    c.drawImage(small, 0, 0, w, h);
    for (const result of results) {
      const n = Math.min(upTo, result.path.length / 2);
      c.beginPath();
      for (let t = 0; t < n; t++) {
        const X = px(result.path[2 * t]!), Y = py(result.path[2 * t + 1]!);
        if (t === 0) c.moveTo(X, Y);
        else c.lineTo(X, Y);
      }
      c.strokeStyle = RACE_COLOURS[result.name] ?? '#000';
      c.lineWidth = 1.8;
      c.stroke();
      const t = n - 1;
      c.beginPath();
      c.arc(px(result.path[2 * t]!), py(result.path[2 * t + 1]!), 3.5, 0, 2 * Math.PI);
      c.fillStyle = RACE_COLOURS[result.name] ?? '#000';
      c.fill();
    }
    c.beginPath();
    c.arc(px(surface.start[0]), py(surface.start[1]), 5, 0, 2 * Math.PI);
    c.strokeStyle = '#000';
    c.lineWidth = 1.5;
    c.stroke();
  };
  if (!animate || scripted) {
    frame(longest);
    return;
  }
  let shown = 1;
  const next = (): void => {
    frame(shown);
    shown += Math.max(1, Math.round(longest / 90));
    raceTimer = shown <= longest + 1 ? setTimeout(next, 16) : undefined;
  };
  next();
}

// ---- the scripted run ---------------------------------------------------------

/** What a scripted action left: the action, the epoch, the settings and the weights' fingerprint. */
interface ActionLog {
  action: string;
  epoch: number;
  query: string;
  fingerprint: string;
}

const actionLog: ActionLog[] = [];

/**
 * The scripted actions of `actions=step;reset;set:optimizer=sgd;…`, done as
 * a user would: clicking the Step and Reset buttons, or setting a control's
 * value and firing its change event. An unknown action is an error.
 */
function runActions(list: string): void {
  for (const action of list.split(';').filter((a) => a !== '')) {
    if (action === 'step' || action === 'reset') {
      element(action, HTMLButtonElement).click();
    } else if (action.startsWith('set:') && action.includes('=')) {
      const [key = '', value = ''] = action.slice(4).split('=');
      const input = form.elements.namedItem(key);
      if (!(input instanceof HTMLInputElement || input instanceof HTMLSelectElement)) throw new Error(`playground page: no control named '${key}'`);
      input.value = value;
      input.dispatchEvent(new Event('change'));
    } else {
      throw new Error(`playground page: unknown action '${action}' (step, reset or set:<control>=<value>)`);
    }
    actionLog.push({ action, epoch: run.epoch, query: settingsQuery(settings), fingerprint: run.fingerprint() });
  }
}

function finish(): void {
  const last = run.history[run.history.length - 1];
  const raceSummary: Record<string, Record<string, number>> = {};
  for (const surface of SURFACES) raceSummary[surface.name] = Object.fromEntries(race(surface).map((r) => [r.name, r.final]));
  const summary = {
    done: true,
    query: settingsQuery(settings),
    epochs: run.epoch,
    train: last?.train ?? null,
    test: last?.test ?? null,
    fingerprint: run.fingerprint(),
    race: raceSummary,
    actions: actionLog,
    errors: errors(),
  };
  element('result', HTMLPreElement).textContent = JSON.stringify(summary);
  document.title = 'playground: done';
}

// ---- start ------------------------------------------------------------------------

function start(): void {
  try {
    settings = parseSettings(query);
  } catch (error) {
    message.textContent = `${error instanceof Error ? error.message : String(error)}; the defaults are used instead`;
    settings = parseSettings('');
  }
  buildForm(settings);
  buildSurfaceButtons();
  playButton.addEventListener('click', () => (playing ? pause() : play()));
  element('step', HTMLButtonElement).addEventListener('click', () => {
    pause();
    run.step();
    drawTraining();
  });
  element('reset', HTMLButtonElement).addEventListener('click', () => reset(settings));
  run = new Playground(settings);
  drawAll();
  for (const target of document.querySelectorAll<HTMLElement>('[data-eq]')) fillEquations(target, equationsOf(target.dataset['eq'] ?? ''));
  if (scripted) {
    runActions(query.get('actions') ?? '');
    play();
  }
}

start();
