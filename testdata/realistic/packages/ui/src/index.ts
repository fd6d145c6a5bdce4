import { escapeHtml } from "./escape";

export { escapeHtml };

export const UI_VERSION = "ui@0.4.0";

export interface PageOptions {
  title: string;
  heading: string;
  items?: string[];
}

export function badge(text: string): string {
  return `<span class="badge">${escapeHtml(text)}</span>`;
}

export function list(items: string[]): string {
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
}

/** A whole page; no dates or random ids, so the same input gives the same bytes. */
export function renderPage({ title, heading, items = [] }: PageOptions): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(heading)}</h1>${list(items)}</body></html>`
  );
}
