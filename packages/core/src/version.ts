/** The version of the plugin contracts; plugins declare a semver range against it. Kept in sync with package.json by a test. */
export const CORE_VERSION = '0.1.0';
