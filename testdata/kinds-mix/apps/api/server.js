const http = require("node:http");

const port = Number(process.env.PORT || 8000);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end("api: plain node");
});
server.listen(port, () => console.log(`api listening on ${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
