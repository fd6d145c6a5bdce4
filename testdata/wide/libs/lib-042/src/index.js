"use strict";
const d0 = require("@synth/lib-026");
const d1 = require("@synth/lib-030");
const d2 = require("@synth/lib-034");
const d3 = require("@synth/lib-035");

exports.name = "@synth/lib-042";
exports.stamps = Object.assign({}, ...[d0, d1, d2, d3].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2, d3].map((d) => d.closure));
