import { describe, expect, it } from 'vitest';
import { parsePublished, placeAgainst, publishedFigures } from '../bench/published.mjs';

// Notes as MANIFEST.tsv writes them (../shared is absent in CI, so copied here).
const manifest = [
  'file\trows\tcolumns\ttarget\ttask\tsource\tsha256\tnotes\tamlb_2021_1h8c',
  'adult.csv\t32561\t15\tincome\tbinary\tsrc\tsha\t"UCI adult"\tAUC best .932 (AutoGluon); range .927-.933',
  'credit-g.csv\t1000\t21\tclass\tbinary\tsrc\tsha\tnote\tAUC best .798 (H2O); AutoML range .777-.798; RF-2000 .799',
  'segment.csv\t2310\t20\tclass\tmulticlass\tsrc\tsha\tnote\tlogloss best .141 (AutoGluon); range .141-.178',
  'titanic.csv\t891\t12\tSurvived\tbinary\tsrc\tsha\tKaggle\t',
].join('\n');

describe('published AutoML Benchmark figures', () => {
  it('reads the metric, best figure and range of each note, and skips rows without one', () => {
    const figures = publishedFigures(manifest);
    expect([...figures.keys()]).toEqual(['adult', 'credit-g', 'segment']);
    expect(figures.get('adult')).toMatchObject({ metric: 'auc', higher: true, best: 0.932, worst: 0.927, top: 0.933, decimals: 3 });
    // The RF-2000 figure after the range is not part of the AutoML range.
    expect(figures.get('credit-g')).toMatchObject({ worst: 0.777, top: 0.798 });
    expect(figures.get('segment')).toMatchObject({ metric: 'logloss', higher: false, best: 0.141, worst: 0.178, top: 0.141 });
    expect(parsePublished('')).toBeUndefined();
    expect(parsePublished('accuracy .9')).toBeUndefined();
  });

  it('places a score by the metric direction, and says when only rounding separates it from the range', () => {
    const auc = parsePublished('AUC best .972 (AutoGluon/FLAML); range .965-.972');
    expect(placeAgainst(auc, 0.975).verdict).toBe('better than the published range');
    expect(placeAgainst(auc, 0.968).verdict).toBe('within the published range');
    const edge = placeAgainst(auc, 0.9649);
    expect(edge.verdict).toBe('worse than the published range');
    expect(edge.rounded).toBe(true);
    expect(edge.toWorst).toBeCloseTo(-0.0001, 10);
    expect(placeAgainst(auc, 0.9640).rounded).toBe(false);
    const logloss = parsePublished('logloss best .002 (H2O); range .001-.812');
    expect(placeAgainst(logloss, 0.0005).verdict).toBe('better than the published range');
    expect(placeAgainst(logloss, 0.0121).verdict).toBe('within the published range');
    expect(placeAgainst(logloss, 0.9).verdict).toBe('worse than the published range');
    expect(placeAgainst(logloss, 0.9).toWorst).toBeCloseTo(-0.088, 10);
  });
});
