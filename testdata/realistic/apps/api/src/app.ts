import { LOGGER_VERSION, type Logger } from "@realistic/logger";
import cors from "cors";
import express from "express";
import helmet from "helmet";
import morgan from "morgan";
import { z } from "zod";

import type { Env } from "./env";

const echoBody = z.object({ message: z.string().min(1).max(200) });

export function createApp(env: Env, log: Logger) {
  const app = express();
  app.disable("x-powered-by");
  app.use(helmet());
  app.use(cors({ origin: env.CORS_ORIGIN }));
  app.use(
    morgan("tiny", {
      skip: () => env.NODE_ENV === "test",
      stream: { write: (line) => log.info(line.trim()) },
    }),
  );
  app.use(express.json());

  app.get("/", (_req, res) => {
    res.type("text/plain").send(`api ${LOGGER_VERSION} ok`);
  });

  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.post("/echo", (req, res) => {
    const parsed = echoBody.safeParse(req.body);
    if (!parsed.success) {
      log.warn("bad echo body", { issues: parsed.error.issues.length });
      res.status(400).json({ error: "message must be a non-empty string" });
      return;
    }
    res.json({ message: parsed.data.message });
  });

  return app;
}
