"use strict";
const http = require("node:http");
const { coreValue } = require("@ng/core");
const { utilValue } = require("@ng/util");
const port = Number(process.env.PORT || 8001);
const body = `dashboard ${coreValue} ${utilValue}`;

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});
server.listen(port, () => console.log("dashboard listening on " + port));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
