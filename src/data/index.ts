/**
 * data — DNA and tables in, tensors out, and the lectures' seeded data sets
 * (EQ-DATA-01 … 04, and 09 in curse.ts). Imports errors, math, random and linalg.
 *
 *   sequences   FASTA reading (a string or lines, streaming) and writing;
 *               normal form and reverse complement (alphabet.ts: upper
 *               case, N for unknown, other characters an error or N)
 *   features    k-mer counts (dense, sparse, canonical, frequencies) and
 *               one-hot encodings of DNA and of tokens
 *   files       CSV tables (features and a label column), NumPy's .npy
 *   data sets   logic gates, blobs, moons, circles, spirals, polynomial
 *               regression, planted motifs, Markov gene families,
 *               population genotypes: each drawn from an Rng
 *   dimension   the curse of dimensionality in numbers
 */
export { normalizeDNA, reverseComplement } from './alphabet.js';
export type { InvalidBase, SequenceOptions } from './alphabet.js';
export { fastaRecords, readFasta, writeFasta } from './fasta.js';
export type { FastaRecord } from './fasta.js';
export { K_MAX, kmerNames, kmerCounts, kmerMatrix, kmerSparse } from './kmers.js';
export type { KmerOptions, KmerSparse } from './kmers.js';
export { oneHotDNA, decodeOneHotDNA, vocabulary, oneHotTokens } from './onehot.js';
export type { Vocabulary } from './onehot.js';
export { readCSV } from './csv.js';
export type { CSVOptions, CSVTable } from './csv.js';
export { npyHeader, readNpy, writeNpy } from './npy.js';
export type { NpyHeader, NpyWriteDtype } from './npy.js';
export { logicGate, blobs, twoMoons, circles, spirals, polynomialRegression } from './toy-data.js';
export type { Dataset, Gate } from './toy-data.js';
export { plantedMotif, markovFamilies } from './sequence-data.js';
export type { SequenceDataset } from './sequence-data.js';
export { genotypes } from './genotypes.js';
export type { GenotypeOptions } from './genotypes.js';
export { ballVolumeFraction, ballFractionMonteCarlo, gridCellCount, relativeContrast } from './curse.js';
