"use strict";
const d0 = require("@synth/lib-016");
const d1 = require("@synth/lib-020");
const d2 = require("@synth/lib-023");
const d3 = require("@synth/lib-026");

exports.name = "@synth/lib-033";
exports.stamps = Object.assign({}, ...[d0, d1, d2, d3].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2, d3].map((d) => d.closure));
