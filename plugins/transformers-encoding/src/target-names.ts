/** Output column names of `encode.target`, shared by its transform and its ONNX export. */

/** The output columns of one input: `<col>` for binary and regression, `<col>__te_<class>` per class for multiclass. */
export function targetColumnNames(input: string, kind: 'binary' | 'multiclass' | 'regression', labels: readonly string[]): string[] {
  return kind === 'multiclass' ? labels.map((l) => `${input}__te_${l}`) : [input];
}
