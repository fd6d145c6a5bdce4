"use strict";
const ms = require("ms");

exports.libValue = `lib ${ms(60 * 60 * 1000)}`;
