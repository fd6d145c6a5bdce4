import http from "node:http";
import slugify from "slugify";
import { libValue } from "@catalogs/lib";

// ms comes from the default catalog; it has no bundled types, so load it
// untyped rather than adding @types/ms.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ms: (n: number) => string = require("ms");

const port = Number(process.env.PORT || 8000);
const body = `catalogs ${libValue} ${ms(2000)} ${slugify("Catalog Protocol", { lower: true })}`;

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});

server.listen(port, () => {
  console.log(`@catalogs/app listening on ${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
