// Build step shared by every package: copy src/*.js to dist/.
// Packages run it as "node ../../build.js" from their own directory.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const pkgDir = process.cwd();
const dist = path.join(pkgDir, "dist");
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
for (const name of fs.readdirSync(path.join(pkgDir, "src"))) {
  if (name.endsWith(".js")) fs.copyFileSync(path.join(pkgDir, "src", name), path.join(dist, name));
}
