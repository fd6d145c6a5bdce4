"use strict"; exports.coreValue = "legacy-core-must-not-be-used";
