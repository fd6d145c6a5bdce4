"use strict";
const d0 = require("@synth/lib-007");
const d1 = require("@synth/lib-009");
const d2 = require("@synth/lib-013");
const d3 = require("@synth/lib-016");

exports.name = "@synth/lib-022";
exports.stamps = Object.assign({}, ...[d0, d1, d2, d3].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2, d3].map((d) => d.closure));
