import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createApi } from './api/client.ts';
import { createSessionStore } from './api/session.ts';
import { App } from './app.tsx';
import { AppProvider } from './app-context.tsx';
import './styles.css';

// Everything the app shares is built here once and handed down.
const sessions = createSessionStore();
const api = createApi(sessions);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider api={api} sessions={sessions}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </AppProvider>
  </StrictMode>,
);
