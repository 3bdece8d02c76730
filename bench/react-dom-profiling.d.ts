// react-dom/profiling is react-dom/client built with Profiler timings kept in production mode;
// @types/react-dom does not declare it.
declare module 'react-dom/profiling' {
  export * from 'react-dom/client'
}
