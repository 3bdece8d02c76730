// Loaded with `node --import` before a React bench, so react-dom and sse-hooks see a browser-like
// window when their modules initialise. Node's own globals (EventTarget, MessageEvent, URL,
// timers) are kept: only what Node lacks is taken from jsdom. pretendToBeVisual gives
// requestAnimationFrame at 60 Hz, all of a frame's callbacks in one task, as in a browser.
import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
  url: 'http://127.0.0.1/',
  pretendToBeVisual: true,
})
const { window } = dom

for (const name of Object.getOwnPropertyNames(window)) {
  if (name in globalThis || name.startsWith('_')) continue
  Object.defineProperty(globalThis, name, {
    get: () => window[name],
    set: (value) => {
      window[name] = value
    },
    configurable: true,
  })
}
if (globalThis.window !== window) throw new Error('bench/dom-env.mjs: could not install the jsdom window')
