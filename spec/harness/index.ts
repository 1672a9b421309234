/**
 * The spec suite's harness: seeded properties, generators, and the
 * closeness rule. Specs import everything from here.
 */
export * from './property.js';
export * from './assert.js';
export * as gen from './generators.js';
