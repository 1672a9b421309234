/**
 * Headless Chromium for the playground's browser spec, through its own
 * command-line flags alone (no automation package): `--dump-dom` prints the
 * page's DOM once `--virtual-time-budget` ms of page time have passed (timers
 * run as fast as the page allows), `--screenshot` writes a PNG of the window.
 *
 * Every run gets a fresh profile folder and its own process group; the group
 * is killed when the browser exits, when it overruns its wall-clock timeout,
 * and when it cannot start, so no browser process outlives a run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** How to get a browser, printed when there is none. */
export const NO_BROWSER =
  'no Chromium found: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM=/path/to/chrome to run the playground in a browser';

/** The browser to use: $CHROMIUM, else the first of chromium, chromium-browser, google-chrome on the PATH. */
export function findChromium(): string | undefined {
  const chosen = process.env['CHROMIUM'];
  if (chosen !== undefined && chosen !== '') return existsSync(chosen) ? chosen : undefined;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
      if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

export interface BrowserRun {
  /** The serialised DOM after the page time budget. */
  dom: string;
  /** The browser's log, with the page's console messages (`--enable-logging=stderr`). */
  log: string;
}

export interface BrowserOptions {
  /** Page time (virtual ms) before the DOM is taken (default 30 000). */
  budget?: number;
  /** Wall-clock limit before the browser is killed (default 60 000 ms). */
  timeout?: number;
  /** Write a PNG of the window here. */
  screenshot?: string;
  /** Window width and height (default 1280 × 1000). */
  window?: readonly [number, number];
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

/** Open `url` in headless Chromium and return its DOM and log; rejects on a timeout, a failed start or a non-zero exit. */
export function runChromium(binary: string, url: string, options: BrowserOptions = {}): Promise<BrowserRun> {
  const { budget = 30_000, timeout = 60_000, screenshot, window = [1280, 1000] } = options;
  const profile = mkdtempSync(join(tmpdir(), 'playground-chromium-'));
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check',
    '--disable-extensions', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--mute-audio',
    '--hide-scrollbars', `--user-data-dir=${profile}`, '--enable-logging=stderr', '--v=0', `--virtual-time-budget=${budget}`,
    `--window-size=${window[0]},${window[1]}`, ...(screenshot === undefined ? [] : [`--screenshot=${screenshot}`]), '--dump-dom', url,
  ];
  return new Promise((done, fail) => {
    const child = spawn(binary, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let dom = '', log = '', timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (dom += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeout);
    const cleanUp = (): void => {
      clearTimeout(timer);
      killGroup(child.pid);
      rmSync(profile, { recursive: true, force: true });
    };
    child.on('error', (error) => {
      cleanUp();
      fail(error);
    });
    child.on('close', (code, signal) => {
      cleanUp();
      if (timedOut) fail(new Error(`${binary} did not finish within ${timeout} ms on ${url}`));
      else if (code !== 0) fail(new Error(`${binary} exited with ${code ?? signal} on ${url}:\n${log.slice(-2000)}`));
      else done({ dom, log });
    });
  });
}

/** The text of the element with this id in a serialised DOM, entities decoded; undefined when absent. */
export function elementText(dom: string, id: string): string | undefined {
  const match = new RegExp(`<([a-z]+) id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(dom);
  if (match === null) return undefined;
  return match[2]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');
}

/** Width and height of a PNG from its IHDR chunk; throws when the bytes are no PNG. */
export function pngSize(bytes: Uint8Array): [number, number] {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}
