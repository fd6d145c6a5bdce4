import formbody from "@fastify/formbody";
import { LOGGER_VERSION, type Logger } from "@realistic/logger";
import { renderPage, UI_VERSION } from "@realistic/ui";
import Fastify from "fastify";

export function buildApp(log: Logger) {
  const app = Fastify({ logger: false });
  app.register(formbody);

  app.addHook("onResponse", async (req, reply) => {
    log.debug("request", { method: req.method, url: req.url, status: reply.statusCode });
  });

  app.get("/", async (_req, reply) => {
    reply.type("text/html; charset=utf-8");
    return renderPage({ title: "admin", heading: "admin", items: [UI_VERSION, LOGGER_VERSION] });
  });

  app.get("/health", async () => ({ status: "ok" }));

  return app;
}
