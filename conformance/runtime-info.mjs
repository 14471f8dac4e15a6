// Names the runtime this file runs under, its version and its JavaScript engine. Printed as one
// JSON line when run directly (scripts/runtimes.mjs probes each binary with it) and imported by
// the conformance suite. Plain JS that Node, Bun and Deno all run unchanged.
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** `{ runtime: 'node' | 'bun' | 'deno', version, engine }` of the current process. */
export function runtimeInfo() {
  const g = globalThis;
  if (g.Bun !== undefined) {
    // Bun runs on JavaScriptCore; process.versions.webkit is the WebKit commit it was built from.
    const webkit = process.versions.webkit;
    return {
      runtime: 'bun',
      version: g.Bun.version,
      engine: `JavaScriptCore${webkit ? ` (WebKit ${webkit.slice(0, 10)})` : ''}`,
    };
  }
  if (g.Deno !== undefined) {
    return { runtime: 'deno', version: g.Deno.version.deno, engine: `V8 ${g.Deno.version.v8}` };
  }
  return { runtime: 'node', version: process.versions.node, engine: `V8 ${process.versions.v8}` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(runtimeInfo()));
}
