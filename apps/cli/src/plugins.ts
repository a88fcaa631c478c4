import type { PluginManifest } from '@autopipe/core';
import { plugin as linear } from '@autopipe/estimator-linear';
import { plugin as tree } from '@autopipe/estimator-tree';
import { plugin as csv } from '@autopipe/ingestor-csv';
import { plugin as metrics } from '@autopipe/metrics-standard';
import { plugin as random } from '@autopipe/searcher-random';
import { plugin as transformers } from '@autopipe/transformers-basic';

/** The plugins the bundled CLI registers, in order. */
export const BUNDLED_PLUGINS: readonly PluginManifest[] = [csv, transformers, linear, tree, random, metrics];
