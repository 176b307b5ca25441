// The package version, inlined by the bundler from package.json.
import pkg from '../../../package.json';

export const VERSION: string = pkg.version;
