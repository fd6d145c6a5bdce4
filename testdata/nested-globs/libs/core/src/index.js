"use strict";
exports.coreValue = "core-v1";
