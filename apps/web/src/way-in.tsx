/**
 * The way in's entry (way-in.html, served for /p/:orgSlug and its pages): the public pages with Mantine and nothing of
 * the staff app (no router, query client, sign-in or shell), so a visitor's phone downloads little (e2e/way-in.e2e.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import '@mantine/core/styles.css';
import './app/global.css';
import { theme } from './app/theme.ts';
import { cssVariablesResolver } from './app/accessible-colors.ts';
import { PublicApp } from './features/way-in/PublicApp.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <PublicApp />
    </MantineProvider>
  </StrictMode>,
);
