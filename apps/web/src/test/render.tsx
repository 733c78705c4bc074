import type { ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { vi } from 'vitest';
import { theme } from '../app/theme.ts';

/** A fresh query client per test: no retries, nothing shared between tests. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
}

export interface RenderPageOptions {
  /** The route pattern the page is mounted at, e.g. '/sessions/:sessionId/roll'. */
  path: string;
  /** The address opened, e.g. '/sessions/abc/roll'. */
  at: string;
  queryClient?: QueryClient;
  /** Further routes, e.g. the sign-in page a redirect lands on. */
  routes?: RouteObject[];
}

/** Renders a page inside the app's providers and a data router (the unsaved-changes guard needs one). */
export function renderPage(element: ReactNode, options: RenderPageOptions): RenderResult & { queryClient: QueryClient; router: ReturnType<typeof createMemoryRouter> } {
  const queryClient = options.queryClient ?? testQueryClient();
  const router = createMemoryRouter([{ path: options.path, element }, ...(options.routes ?? [])], { initialEntries: [options.at] });
  const result = render(
    <MantineProvider theme={theme}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, queryClient, router };
}

export interface FakeRequest {
  method: string;
  url: string;
  body: unknown;
}

type Handler = (request: FakeRequest) => { status?: number; body?: unknown } | undefined;

/** Replaces fetch with a list of handlers (first answer wins); records every request. Unhandled requests get 404. */
export function fakeServer(...handlers: Handler[]): { requests: FakeRequest[] } {
  const requests: FakeRequest[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method: init?.method ?? 'GET', url, body };
    requests.push(request);
    for (const handler of handlers) {
      const answer = handler(request);
      if (answer) {
        const status = answer.status ?? 200;
        const type = status >= 400 ? 'application/problem+json' : 'application/json';
        return Promise.resolve(new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status, headers: { 'Content-Type': type } }));
      }
    }
    return Promise.resolve(
      new Response(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No fake for ${request.method} ${url}` }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
  });
  return { requests };
}
