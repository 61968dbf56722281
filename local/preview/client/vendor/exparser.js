// The exparser instance j-component uses (one copy in the bundle); typed by exparser.d.ts.
module.exports = require('miniprogram-exparser');
