"use strict";
const d0 = require("@synth/lib-000");
const d1 = require("@synth/lib-001");
const d2 = require("@synth/lib-005");

exports.name = "@synth/lib-013";
exports.stamps = Object.assign({}, ...[d0, d1, d2].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2].map((d) => d.closure));
