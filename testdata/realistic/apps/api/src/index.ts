import "dotenv/config";
import { createLogger } from "@realistic/logger";

import { createApp } from "./app";
import { readEnv } from "./env";

const env = readEnv();
const log = createLogger("api", { level: env.LOG_LEVEL });
const port = Number(process.env.PORT || 3001);

const server = createApp(env, log).listen(port, () => {
  log.info("listening", { port });
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
