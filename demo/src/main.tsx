import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { SSEProvider } from 'sse-hooks'
// The production entry: the demo is a production build, and a visitor is meant to see the panel.
import { SSEDevtools } from 'sse-hooks/devtools/production'
import { App } from './App'
import { client, eventsUrl } from './chat'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')

// StrictMode mounts every effect twice in development; the stream is still opened once.
createRoot(root).render(
  <StrictMode>
    <SSEProvider url={eventsUrl} client={client}>
      <App />
      <SSEDevtools initialIsOpen={false} buttonPosition="bottom-left" />
    </SSEProvider>
  </StrictMode>,
)
