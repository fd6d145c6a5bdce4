"use strict";

exports.name = "@synth/lib-000";
exports.stamp = "v1";
exports.stamps = { [exports.name]: exports.stamp };
exports.closure = Object.assign({ [exports.name]: true }, ...[].map((d) => d.closure));
