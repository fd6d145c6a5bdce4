import http from "node:http";
import slugify from "slugify";
import { commonValue } from "common";

const port = Number(process.env.PORT || 8001);
const body = `app2 ${commonValue} ${slugify("Hello World", { lower: true })}`;

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});

server.listen(port, () => {
  console.log(`app2 listening on ${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
