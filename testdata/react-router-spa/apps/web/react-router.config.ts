import type { Config } from "@react-router/dev/config";

// SPA mode: no server at run time; "/" is rendered at build time, every
// other path is served build/client/__spa-fallback.html.
export default {
  ssr: false,
  prerender: ["/"],
} satisfies Config;
