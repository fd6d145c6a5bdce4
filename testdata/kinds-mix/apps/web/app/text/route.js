import { uiSays } from "@ns/ui";

// The fixtures' plain-text answer, for scripts that compare bodies exactly.
export function GET() {
  return new Response(uiSays(), { headers: { "content-type": "text/plain; charset=utf-8" } });
}
