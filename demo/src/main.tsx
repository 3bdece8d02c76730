import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { SSEProvider } from 'sse-hooks'
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
    </SSEProvider>
  </StrictMode>,
)
