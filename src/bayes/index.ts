/**
 * bayes — naive Bayes classifiers (EQ-BAYES-01 … 11): Bayes' theorem with
 * the naive conditional-independence assumption, in log space, normalised
 * by a stable log-sum-exp; the MAP rule with learnt priors by default, the
 * ML rule with uniform priors.
 *
 *   GaussianNB      real features, a normal density per class and feature
 *   MultinomialNB   counts (k-mer counts), a categorical distribution per class
 *   BernoulliNB     presence/absence, one coin per class and feature
 *
 *   new MultinomialNB({ alpha: 1 }).fit(X, y).predictProba(Xtest)
 *
 * X is n×d, row-major; y holds class indices 0 … K−1. Imports errors and linalg.
 */
export { GaussianNB } from './gaussian.js';
export type { GaussianNBOptions } from './gaussian.js';
export { MultinomialNB } from './multinomial.js';
export type { MultinomialNBOptions } from './multinomial.js';
export { BernoulliNB } from './bernoulli.js';
export type { BernoulliNBOptions } from './bernoulli.js';
export type { NaiveBayesOptions, Priors } from './naive-bayes.js';
