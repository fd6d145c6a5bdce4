"use strict";
const d0 = require("@synth/lib-004");
const d1 = require("@synth/lib-011");
const d2 = require("@synth/lib-015");
const d3 = require("@synth/lib-018");

exports.name = "@synth/lib-028";
exports.stamps = Object.assign({}, ...[d0, d1, d2, d3].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2, d3].map((d) => d.closure));
