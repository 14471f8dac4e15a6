// The JS twins as a module, so that the hostile-input fixture can load them like the binding.
module.exports = require('..').js;
