// For resolvers that ignore package.json exports.
module.exports = require('../dist/testing/vitest.js');
