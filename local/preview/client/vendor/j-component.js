// Re-export so the browser code can give j-component its own minimal types (vendor d.ts):
// the package's own typings pull in miniprogram-api-typings, which clash with the DOM lib.
module.exports = require('j-component');
