/**
 * A chapter of the tour: one file in scripts/tour/ that exports
 *
 *   export const chapter = defineChapter({
 *     name: 'dna',                       // npm start -- --chapter dna
 *     title: 'DNA as features: …',       // its heading
 *     order: 15,                         // its place in the lectures (below)
 *     run(tour) { … },                   // prints results (print.ts), plots, headlines
 *   });
 *
 * scripts/tour.ts finds every such export in this folder, so a new chapter
 * is one new file and no other edit. `run` receives the tour's context:
 *
 *   tour.quick               true under --quick: use small sizes (the spec runs every chapter so)
 *   tour.size(full, quick)   one of the two, by the mode
 *   tour.plot(name, svg, caption)   writes tour-output/<chapter>-<name>.svg and prints where
 *   tour.progress(label, total)     a progress bar on a terminal's stderr: tick(), done()
 *   tour.headline(text)      the chapter's line in the summary table at the end
 *
 * Order, in the sequence of the lectures (leave gaps for chapters to come):
 *   10 linalg · 15 dna · 18 curse · 20 autodiff · 30 neural · 35 datasets ·
 *   40 optimizers · 45 optimizer-race · 48 regularizers · 50 linear · 60 trees · 70 bayes · 75 sequences ·
 *   80 metrics · 90 unsupervised · 95 genotypes · 100 cnn · 110 sequence models
 */

/** A progress bar for one long step. */
export interface Progress {
  /** Counts `n` more units done (default 1). */
  tick(n?: number): void;
  /** Clears the bar. */
  done(): void;
}

/** What a chapter's `run` receives. */
export interface TourContext {
  /** Small sizes (`--quick`). */
  readonly quick: boolean;
  /** `full`, or `quick` under --quick. */
  size<T>(full: T, quick: T): T;
  /** Writes an SVG file for this chapter and prints its path and caption. */
  plot(name: string, svg: string, caption: string): void;
  /** A progress bar for a step of `total` units. */
  progress(label: string, total: number): Progress;
  /** The chapter's summary line (the last one given is kept). */
  headline(text: string): void;
}

/** A chapter as its file declares it. */
export interface Chapter {
  /** Lower-case words joined by '-', for --chapter. */
  readonly name: string;
  readonly title: string;
  /** Its place in the tour (increasing). */
  readonly order: number;
  run(tour: TourContext): void | Promise<void>;
}

/** Checks a chapter's declaration and returns it (the export that scripts/tour.ts looks for). */
export function defineChapter(chapter: Chapter): Chapter {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(chapter.name)) throw new Error(`tour chapter name '${chapter.name}': use lower-case words joined by '-'`);
  if (!Number.isFinite(chapter.order)) throw new Error(`tour chapter '${chapter.name}': order must be a number`);
  if (typeof chapter.run !== 'function') throw new Error(`tour chapter '${chapter.name}': run must be a function`);
  return chapter;
}
