"use strict";
const http = require("node:http");
const { describe } = require("common");

const port = Number(process.env.PORT || 8001);
const body = `app2 ${describe()}`;

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});
server.listen(port, () => console.log("app2 listening on " + port));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
