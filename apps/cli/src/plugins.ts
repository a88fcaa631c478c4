import type { PluginManifest } from '@autopipe/core';
import { plugin as deployerDirectory } from '@autopipe/deployer-directory';
import { plugin as deployerOnnx } from '@autopipe/deployer-onnx';
import { plugin as deployerRegistry } from '@autopipe/deployer-registry';
import { plugin as gbm } from '@autopipe/estimator-gbm';
import { plugin as knn } from '@autopipe/estimator-knn';
import { plugin as linear } from '@autopipe/estimator-linear';
import { plugin as mlp } from '@autopipe/estimator-mlp';
import { plugin as naiveBayes } from '@autopipe/estimator-naive-bayes';
import { plugin as tree } from '@autopipe/estimator-tree';
import { plugin as arrow } from '@autopipe/ingestor-arrow';
import { plugin as csv } from '@autopipe/ingestor-csv';
import { plugin as json } from '@autopipe/ingestor-json';
import { plugin as parquet } from '@autopipe/ingestor-parquet';
import { plugin as postgres } from '@autopipe/ingestor-postgres';
import { plugin as sqlite } from '@autopipe/ingestor-sqlite';
import { plugin as metrics } from '@autopipe/metrics-standard';
import { plugin as cfo } from '@autopipe/searcher-cfo';
import { plugin as hyperband } from '@autopipe/searcher-hyperband';
import { plugin as random } from '@autopipe/searcher-random';
import { plugin as tpe } from '@autopipe/searcher-tpe';
import { plugin as transformers } from '@autopipe/transformers-basic';
import { plugin as datetime } from '@autopipe/transformers-datetime';
import { plugin as encoding } from '@autopipe/transformers-encoding';
import { plugin as selection } from '@autopipe/transformers-selection';
import { plugin as text } from '@autopipe/transformers-text';

/** The plugins the bundled CLI registers, in order. */
export const BUNDLED_PLUGINS: readonly PluginManifest[] = [csv, json, arrow, parquet, sqlite, postgres, transformers, encoding, datetime, text, selection, linear, tree, gbm, knn, naiveBayes, mlp, random, tpe, cfo, hyperband, metrics, deployerOnnx, deployerDirectory, deployerRegistry];
