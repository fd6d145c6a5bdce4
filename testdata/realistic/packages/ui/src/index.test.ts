import { describe, expect, it } from "vitest";

import { badge, escapeHtml, renderPage } from "./index";

describe("ui", () => {
  it("escapes text", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });

  it("renders a badge", () => {
    expect(badge("new")).toBe('<span class="badge">new</span>');
  });

  it("renders the same page for the same input", () => {
    const page = renderPage({ title: "t", heading: "h", items: ["a"] });
    expect(page).toBe(renderPage({ title: "t", heading: "h", items: ["a"] }));
    expect(page).toContain("<ul><li>a</li></ul>");
  });
});
