"use strict";
const { coreValue } = require("@ng/core");
exports.utilValue = `util(${coreValue})`;
