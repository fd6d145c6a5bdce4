"use strict";
const d0 = require("@synth/lib-003");
const d1 = require("@synth/lib-004");
const d2 = require("@synth/lib-008");

exports.name = "@synth/lib-016";
exports.stamps = Object.assign({}, ...[d0, d1, d2].map((d) => d.stamps));
exports.closure = Object.assign({ [exports.name]: true }, ...[d0, d1, d2].map((d) => d.closure));
