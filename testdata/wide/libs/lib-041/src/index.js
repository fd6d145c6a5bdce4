"use strict";
const d0 = require("@synth/lib-024");
const d1 = require("@synth/lib-032");
const d2 = require("@synth/lib-036");
const d3 = require("@synth/lib-037");

exports.name = "@synth/lib-041";
exports.stamps = Object.assign({}, ...[d0, d1, d2, d3].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2, d3].map((d) => d.closure));
