/**
 * layers — neural-network building blocks on autodiff Vars: the `Module`
 * contract (forward, named parameters, train/eval, state dict, summary),
 * activations as functions and as modules, `Dense` (Y = X·W + b),
 * `Sequential`, `Residual`, `Dropout`, `BatchNorm`, `LayerNorm`,
 * initialisers drawing from an `Rng`, the perceptron and the neuron models
 * of the first lectures; convolution and pooling (`Conv1d`, `Conv2d`,
 * `MaxPool2d`, …, `Flatten`, `lenet5`, motif read-outs as PWMs); sequence
 * models (`Embedding`, positional encoding, `RNN`, `LSTM`, `GRU`,
 * attention, `MultiHeadAttention`, `TransformerEncoderBlock`). Imports
 * `random`, `linalg` and `autodiff`.
 *
 *   const rng = new Rng(0);
 *   const net = new Sequential([new Dense(2, 4, { rng }), new Tanh(), new Dense(4, 1, { rng })]);
 *   const yHat = net.forward(constant(X));          // X: n×2 → ŷ: n×1
 *   net.namedParameters();                          // ['0.W', …], ['0.b', …], ['2.W', …], ['2.b', …]
 */
export { Module } from './module.js';
export type { StateDict, SummaryRow } from './module.js';
export { Dense } from './dense.js';
export type { DenseOptions } from './dense.js';
export { Sequential } from './sequential.js';
export {
  ACTIVATION_NAMES, Heaviside, Identity, LeakyReLU, ReLU, Sigmoid, Softmax, Softplus, Tanh, activation, heaviside, identity,
  leakyRelu, relu, sigmoid, sigmoidRatioForm, sigmoidReciprocalForm, softmax, softplus, tanh, tanhExponentialForm,
} from './activations.js';
export type { ActivationName } from './activations.js';
export {
  INITIALIZER_NAMES, fans, getInitializer, glorotNormal, glorotUniform, heNormal, heUniform, normalInit, uniformInit, zerosInit,
} from './init.js';
export type { GainOptions, Initializer, InitializerName } from './init.js';
export { Residual, residualBlock } from './residual.js';
export type { ResidualBlockOptions } from './residual.js';
export { Dropout } from './dropout.js';
export type { DropoutOptions } from './dropout.js';
export { BatchNorm } from './batch-norm.js';
export type { BatchNormOptions } from './batch-norm.js';
export { LayerNorm } from './layer-norm.js';
export type { LayerNormOptions } from './layer-norm.js';
export { HEAD_NAMES, MLP, mlp } from './mlp.js';
export type { HeadName, MLPOptions } from './mlp.js';
export { addBiasColumn, mcCullochPitts, neuron } from './neuron.js';
export { Perceptron } from './perceptron.js';
export type { PerceptronJSON, PerceptronOptions } from './perceptron.js';
export {
  HODGKIN_HUXLEY_PARAMETERS, hodgkinHuxley, hodgkinHuxleyDerivatives, hodgkinHuxleyRates, hodgkinHuxleySteadyState,
} from './hodgkin-huxley.js';
export type { GateRates, HodgkinHuxleyOptions, HodgkinHuxleyParameters, HodgkinHuxleyState, HodgkinHuxleyTrace } from './hodgkin-huxley.js';
export { CONV_OPTION_KEYS, PADDING_MODES, conv1d, conv2d } from './conv-ops.js';
export type { Conv1dOptions, Conv2dOptions, ConvPlan, PaddingMode } from './conv-ops.js';
export { Conv1d, Conv2d } from './conv.js';
export type { Conv1dLayerOptions, Conv2dLayerOptions } from './conv.js';
export { AvgPool1d, AvgPool2d, GlobalAvgPool, GlobalMaxPool, MaxPool1d, MaxPool2d, avgPool1d, avgPool2d, globalAvgPool, globalMaxPool, maxPool1d, maxPool2d } from './pool.js';
export type { PoolOptions } from './pool.js';
export { Flatten, Unflatten } from './flatten.js';
export { LENET_POOLINGS, lenet5 } from './lenet.js';
export type { LeNet5Options } from './lenet.js';
export { checkEquivariance, checkInvariance, roll } from './symmetry.js';
export type { SymmetryCheck, SymmetryOptions, TensorMap } from './symmetry.js';
export { DNA_ALPHABET, activationPWM, consensus, filterPWM, pwmBestMatch, toMEME } from './motif.js';
export type { Motif } from './motif.js';
export { Embedding, PositionalEncoding, padSequences, sinusoidalEncoding } from './embedding.js';
export type { EmbeddingOptions, PositionalEncodingOptions } from './embedding.js';
export { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell } from './recurrent.js';
export type { InitialState, LSTMResult, LSTMState, RecurrentOptions, RecurrentResult } from './recurrent.js';
export {
  MultiHeadAttention, SelfAttention, TransformerEncoderBlock, attention, basicSelfAttention,
} from './attention.js';
export type {
  AttentionMaskOptions, AttentionOptions, AttentionResult, MultiHeadAttentionOptions, MultiHeadResult, SelfAttentionOptions,
  TransformerEncoderOptions,
} from './attention.js';
