export * from './compare.js';
export * from './data.js';
export * from './estimator-kit.js';
export * from './ingestor-kit.js';
export * from './searcher-kit.js';
export * from './transformer-kit.js';
export * from './deployer-kit.js';
export { binEdgeQueryRows, syntheticWithMissing, targetForSynthetic } from './tree-data.js';
