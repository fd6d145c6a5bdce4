"use strict";
const d0 = require("@synth/lib-019");
const d1 = require("@synth/lib-040");
const d2 = require("@synth/lib-043");
const d3 = require("@synth/lib-047");

exports.name = "@synth/lib-057";
exports.stamps = Object.assign({}, ...[d0, d1, d2, d3].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2, d3].map((d) => d.closure));
