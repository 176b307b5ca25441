// Lets tests import tree-sitter query files (.scm) as strings, as the esbuild bundle does.
const { readFileSync } = require('node:fs');
require.extensions['.scm'] = (module, filename) => {
  module.exports = readFileSync(filename, 'utf8');
};
