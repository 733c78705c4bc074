/**
 * The public pages' HTML (way-in.html, for /p/:orgSlug and its pages) with the organisation's program page written
 * into it as JSON, so a visitor's phone shows the programs without a round trip to the API after the JavaScript runs.
 * The page reads it with core's schema, as it reads the API's answer, and falls back to the API when it is absent
 * (an unknown organisation, an address over the public read limit, a database fault).
 */
import { orgSlugParamsSchema, publicProgramPageSchema } from '@trellis/core';
import type { AppDeps } from '../../app.ts';
import { hitRateLimit, type RateLimit } from '../../http/rate-limit.ts';
import { programPage } from './service.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** The id of the JSON block the page reads (apps/web/src/features/way-in/public-api.ts). */
export const PROGRAM_PAGE_ELEMENT_ID = 'program-page';

/** The public read limit: the program page's API and its HTML count against it together. */
export function publicReadLimit(config: Deps['config']): RateLimit {
  return { name: 'public-read', windowMs: 60_000, max: config.publicReadsPerMinute };
}

/** The organisation's slug of a public page's path ('p/demo/self-check' → 'demo'); null when it is not one. */
export function publicPageSlug(path: string): string | null {
  const raw = /^p\/([^/?#]+)/.exec(path)?.[1];
  if (!raw) return null;
  try {
    const parsed = orgSlugParamsSchema.safeParse({ orgSlug: decodeURIComponent(raw) });
    return parsed.success ? parsed.data.orgSlug : null;
  } catch {
    return null;
  }
}

/** JSON that is safe inside a <script> element: no '<' (so no '</script>' or '<!--'), no line separators. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * way-in.html with the program page of `slug` before </head>, counted against the same public read limit as the API
 * (the page costs the same queries); null when there is nothing to add.
 */
export async function wayInHtml(deps: Deps, html: string, slug: string, address: string): Promise<string | null> {
  if (!html.includes('</head>')) return null;
  try {
    if ((await hitRateLimit(deps.db, publicReadLimit(deps.config), address, deps.clock.now())) > 0) return null;
    const page = publicProgramPageSchema.parse(await programPage(deps, slug));
    const block = `<script type="application/json" id="${PROGRAM_PAGE_ELEMENT_ID}">${scriptSafeJson(page)}</script>`;
    return html.replace('</head>', `    ${block}\n  </head>`);
  } catch {
    // Unknown organisation or a fault: the page asks the API, which answers it properly (404, 500).
    return null;
  }
}
