"use strict";
const d0 = require("@synth/lib-002");
const d1 = require("@synth/lib-020");
const d2 = require("@synth/lib-024");
const d3 = require("@synth/lib-027");

exports.name = "@synth/lib-035";
exports.stamps = Object.assign({}, ...[d0, d1, d2, d3].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2, d3].map((d) => d.closure));
