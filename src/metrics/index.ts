/**
 * metrics — how well a model did (001, "Performance measures"), on plain
 * Tensors, without a graph:
 *
 *   mae, mse, rmse, r2                   regression            EQ-METRICS-01, 02
 *   accuracy, confusionMatrix            classification        EQ-METRICS-03
 *   precision, recall, f1, perClassScores  binary, macro, micro, weighted  EQ-METRICS-04/05/06
 *   rocCurve, auroc                      threshold sweep, ties get ½        EQ-METRICS-07
 *   precisionRecallCurve, averagePrecision, logLoss
 *   adjustedRandIndex                    agreement of two clusterings, chance-corrected
 *
 * Labels are class indices 0 … K−1 stored as float64 integers, [n] (or
 * one-hot rows n×K); regression targets are [n] or n×k; scores are [n].
 * A ratio with denominator 0 is `zeroDivision` (0 by default). Imports
 * `random` and `linalg`.
 *
 *   accuracy(yTest, model.predict(XTest));  auroc(yTest, scores);
 */
export { mae, mse, rmse, r2 } from './regression.js';
export { accuracy, confusionMatrix } from './confusion.js';
export type { ConfusionOptions } from './confusion.js';
export { precision, recall, f1, perClassScores } from './classification.js';
export type { PerClassScores } from './classification.js';
export type { Average, ClassificationOptions, CurveOptions } from './validate.js';
export { rocCurve, auroc, precisionRecallCurve, averagePrecision } from './roc.js';
export type { RocCurve, PrecisionRecallCurve } from './roc.js';
export { logLoss } from './log-loss.js';
export type { LogLossOptions } from './log-loss.js';
export { adjustedRandIndex } from './clustering.js';
