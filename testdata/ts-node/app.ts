import http from "node:http";

const port = Number(process.env.PORT || 8000);
const body = "ts-node: runs only with devDependencies";

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});

server.listen(port, () => {
  console.log(`ts-node app listening on ${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
