"use strict";
const d0 = require("@synth/lib-016");
const d1 = require("@synth/lib-038");
const d2 = require("@synth/lib-042");
const d3 = require("@synth/lib-045");

exports.name = "@synth/lib-052";
exports.stamps = Object.assign({}, ...[d0, d1, d2, d3].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2, d3].map((d) => d.closure));
