// SPDX-License-Identifier: Apache-2.0
// Vite's `?raw` imports (a file's text, bundled into the app) for the data files the renderer reads.

declare module '*.yaml?raw' {
  const text: string;
  export default text;
}

declare module '*.json?raw' {
  const text: string;
  export default text;
}
