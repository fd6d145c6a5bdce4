"use strict";
const http = require("node:http");
const { utilValue } = require("@ng/util");
const port = Number(process.env.PORT || 8002);
const body = `worker ${utilValue}`;

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});
server.listen(port, () => console.log("worker listening on " + port));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
