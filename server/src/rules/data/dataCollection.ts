// data-collection: a MongoDB collection the doc names (a Collection column, "the `x` collection")
// that the code never opens.
import { nameRule } from './nameRule';

export const dataCollection = nameRule({
  id: 'data-collection',
  description: 'A MongoDB collection named by the doc is not one the code uses.',
  kind: 'mongo-collection',
  noun: 'collection',
  word: /collections?/,
  header: /^collections?( name)?$/,
  envName: /(^|_)COLL(ECTION)?(_|$)/,
  valid: (v) => /^[A-Za-z_][A-Za-z0-9_.-]{0,119}$/.test(v) && !/^[A-Z0-9_]+$/.test(v),
});
