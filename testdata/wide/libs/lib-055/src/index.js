"use strict";
const d0 = require("@synth/lib-033");
const d1 = require("@synth/lib-039");
const d2 = require("@synth/lib-043");
const d3 = require("@synth/lib-046");

exports.name = "@synth/lib-055";
exports.stamps = Object.assign({}, ...[d0, d1, d2, d3].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2, d3].map((d) => d.closure));
