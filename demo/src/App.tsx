import { useEffect, useState } from 'react'
import { AskPanel } from './components/AskPanel'
import { Composer } from './components/Composer'
import { ConnectionBadge } from './components/ConnectionBadge'
import { JoinForm } from './components/JoinForm'
import { OnlineUsers } from './components/OnlineUsers'
import { PingClock } from './components/PingClock'
import { StatsPanel } from './components/StatsPanel'
import { Wall } from './components/Wall'
import { watchNameFromOtherTabs } from './saved-name'

export function App() {
  const [me, setMe] = useState<string | null>(null)
  // The tabs of a browser are one user on the wall: a join in one is a join in all.
  useEffect(() => watchNameFromOtherTabs(setMe), [])
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <h1>Chat wall</h1>
          <p className="muted">
            A live demo of <code>sse-hooks</code>
          </p>
        </div>
        <div className="topbar-status">
          <PingClock />
          <ConnectionBadge />
        </div>
      </header>
      <main className="layout">
        <section className="card area-join" aria-labelledby="join-title">
          <h2 id="join-title" className="card-title">
            {me ? `Hi, ${me}` : 'Join'}
          </h2>
          <JoinForm me={me} onJoin={setMe} />
        </section>
        <section className="card area-wall" aria-labelledby="wall-title">
          <h2 id="wall-title" className="card-title">
            Wall
          </h2>
          <Wall me={me} />
          <Composer username={me} />
        </section>
        <div className="area-side">
          <OnlineUsers me={me} />
          <AskPanel />
          <StatsPanel />
        </div>
      </main>
    </div>
  )
}
