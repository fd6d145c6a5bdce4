"use strict";
// ms is a peer dependency: which copy is found depends on the consumer when
// common is injected. A symlinked common would always see its own dev copy.
const msVersion = require("ms/package.json").version;

exports.describe = () => `common-v1 ms@${msVersion}`;
