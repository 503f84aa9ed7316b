/**
 * The page's HTML: the shell the server sends (its script and stylesheet are served by the same
 * server), and the self-contained report (script, stylesheet and data inline; no request at all).
 */
import type { PageAssets } from './assets.js';

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON safe inside a <script> element (no "</script>", no "<!--"). */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

// Only what the page itself brings: no network, no inline handlers. (The report inlines its
// script and data, so it allows inline scripts; the server's shell does not need to.)
const CSP_SERVED = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";
const CSP_REPORT = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function servedHtml(title: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP_SERVED}">
<title>${escapeHtml(title)} — devinst</title><link rel="stylesheet" href="/assets/page.css"></head>
<body><div id="app"><p class="sub">loading…</p></div><script src="/assets/page.js"></script></body></html>
`;
}

export function reportHtml(title: string, assets: PageAssets, data: unknown): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP_REPORT}">
<title>${escapeHtml(title)} — devinst report</title><style>${assets.style.replace(/<\/style/gi, '<\\/style')}</style></head>
<body><div id="app"><p class="sub">loading…</p></div>
<script type="application/json" id="devinst-data">${scriptJson(data)}</script>
<script>${assets.script.replace(/<\/script/gi, '<\\/script')}</script></body></html>
`;
}
