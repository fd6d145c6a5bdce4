// Tiny build step shared by every package: copy src/*.js to dist/.
// Run from a package directory: `node ../../build.js` (paths vary by depth,
// so packages call it through their own "build" script).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const pkgDir = process.cwd();
const src = path.join(pkgDir, "src");
const dist = path.join(pkgDir, "dist");
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
for (const name of fs.readdirSync(src)) {
  if (name.endsWith(".js")) fs.copyFileSync(path.join(src, name), path.join(dist, name));
}
console.log(`built ${path.basename(pkgDir)}`);
