"use strict";
const d0 = require("@synth/lib-048");
const d1 = require("@synth/lib-051");
const d2 = require("@synth/lib-054");
const http = require("node:http");

const closure = Object.assign({}, ...[d0, d1, d2].map((d) => d.closure));
const stamps = Object.assign({}, ...[d0, d1, d2].map((d) => d.stamps));
const unique = [...new Set(Object.values(stamps))].sort();
const body = "@synth/app-01" + " libs=" + Object.keys(closure).length + " stamps=" + unique.join(",");

const port = Number(process.env.PORT || 8000);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});
server.listen(port, () => console.log("@synth/app-01" + " listening on " + port));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
