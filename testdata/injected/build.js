// Tiny build step: copy src/*.js to dist/ in the current package.
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
console.log(`built ${path.basename(pkgDir)}`);
