import http from "node:http";
import ms from "ms";

const port = Number(process.env.PORT || 8000);

// The answer is computed with the runtime dependency, so a missing or broken
// node_modules in the image shows up as a failed request, not a silent pass.
const body = `single: ${ms(2 * 24 * 60 * 60 * 1000, { long: true })}`;

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
});

server.listen(port, () => {
  console.log(`single listening on ${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
