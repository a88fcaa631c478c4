/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export declare function packageOf(id: string): string;
/** The packages the bundle's JavaScript files in `dir` locate by name at run time. */
export declare function locatedPackages(dir: string): string[];
/** Of `ids`, the packages `manifest` does not list in dependencies or optionalDependencies; sorted. */
export declare function undeclaredPackages(ids: readonly string[], manifest: { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }): string[];
