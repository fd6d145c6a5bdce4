import { createLogger } from "@realistic/logger";

import { buildApp } from "./app";

const log = createLogger("admin", { level: process.env.LOG_LEVEL === "debug" ? "debug" : "info" });
const port = Number(process.env.PORT || 3002);
const app = buildApp(log);

app.listen({ port, host: "0.0.0.0" }).then(
  () => log.info("listening", { port }),
  (err: Error) => {
    log.error("cannot listen", { error: err.message });
    process.exit(1);
  },
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => app.close().then(() => process.exit(0)));
}
