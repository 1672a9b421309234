/**
 * The tour of the lectures (`npm start`): each section runs one lecture's
 * equations on small seeded examples and prints what they show, each result
 * beside its equation ID with the file to read and the spec that proves it
 * (scripts/tour/print.ts). Sections live in scripts/tour/, one per library
 * module, in the order the lectures teach them.
 */
import { tour as linalgTour } from './tour/linalg.js';
import { tour as autodiffTour } from './tour/autodiff.js';
import { tour as neuralTour } from './tour/neural.js';
import { tour as optimizersTour } from './tour/optimizers.js';
import { tour as treesTour } from './tour/trees.js';
import { tour as bayesTour } from './tour/bayes.js';
import { tour as metricsTour } from './tour/metrics.js';
import { tour as unsupervisedTour } from './tour/unsupervised.js';
import { tour as linearTour } from './tour/linear.js';
import { tour as regularizersTour } from './tour/regularizers.js';

const sections: [string, () => void][] = [
  ['Linear algebra: products, norms, decompositions', linalgTour],
  ['Automatic differentiation: gradients, backpropagation, vanishing gradients', autodiffTour],
  ['Neural networks I: from the biological neuron to a trained network; activations, initialisation, losses', neuralTour],
  ['Optimisation: gradient descent, momentum, adaptive steps, curvature; the training loop', optimizersTour],
  ['Decision trees: entropy, information gain, the splitter, depth and pruning, forests', treesTour],
  ['Naive Bayes: Bayes\' theorem in log space, MAP and ML', bayesTour],
  ['Performance measures: confusion matrix, precision, recall, F1, AUROC', metricsTour],
  ['Unsupervised learning: k-means, PCA, standardisation; splits and folds', unsupervisedTour],
  ['Linear models: least squares, polynomial degree, ridge and lasso, logistic regression', linearTour],
  ['Regularisation and normalisation: penalties, dropout, batch and layer norm, skip connections, early stopping, label smoothing, augmentation', regularizersTour],
];

const USAGE = `usage: npm start [-- --help]

The tour of the lectures: each section runs one lecture's equations on
small seeded examples and prints each result beside its equation ID, with
the source file to read and the spec that proves it. It takes no options;
npm run equations lists every equation with its files.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
} else if (args.length > 0) {
  console.error(`unknown argument '${args[0]}'\n\n${USAGE}`);
  process.exitCode = 1;
} else {
  const started = Date.now();
  for (const [title, run] of sections) {
    console.log(`\n=== ${title} ===`);
    run();
  }
  console.log(`\nTour finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
