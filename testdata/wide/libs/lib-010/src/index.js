"use strict";
const d0 = require("@synth/lib-002");
const d1 = require("@synth/lib-006");
const d2 = require("@synth/lib-007");

exports.name = "@synth/lib-010";
exports.stamps = Object.assign({}, ...[d0, d1, d2].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2].map((d) => d.closure));
