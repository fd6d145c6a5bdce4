"use strict";
const http = require("node:http");
const ms = require("ms");
const { coreValue } = require("@ng/core");
const port = Number(process.env.PORT || 8000);
const body = `web ${coreValue} ${ms(1000)}`;

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});
server.listen(port, () => console.log("web listening on " + port));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
