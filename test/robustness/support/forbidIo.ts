// Replaces every way Node offers to start a process or open a connection with a function that
// records the attempt and throws, so a test can prove a run did neither.
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

export interface Forbidden {
  attempts: string[];
  restore(): void;
}

type Target = [object, string, string];

const TARGETS: Target[] = [
  ...(['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const).map((n): Target => [childProcess, n, `child_process.${n}`]),
  [net, 'connect', 'net.connect'],
  [net, 'createConnection', 'net.createConnection'],
  [net, 'createServer', 'net.createServer'],
  [net.Socket.prototype, 'connect', 'net.Socket#connect'],
  [net.Server.prototype, 'listen', 'net.Server#listen'],
  [tls, 'connect', 'tls.connect'],
  [http, 'request', 'http.request'],
  [http, 'get', 'http.get'],
  [https, 'request', 'https.request'],
  [https, 'get', 'https.get'],
  [http2, 'connect', 'http2.connect'],
  [dgram, 'createSocket', 'dgram.createSocket'],
  [dns, 'lookup', 'dns.lookup'],
  [dns, 'resolve', 'dns.resolve'],
  [dns.promises, 'lookup', 'dns.promises.lookup'],
  [dns.promises, 'resolve', 'dns.promises.resolve'],
  [globalThis, 'fetch', 'fetch'],
];

export function forbidProcessesAndSockets(): Forbidden {
  const attempts: string[] = [];
  const saved: [object, string, unknown][] = [];
  for (const [obj, name, label] of TARGETS) {
    const holder = obj as Record<string, unknown>;
    if (typeof holder[name] !== 'function') continue;
    saved.push([obj, name, holder[name]]);
    holder[name] = (...args: unknown[]) => {
      attempts.push(`${label}(${args.slice(0, 2).map((a) => (typeof a === 'function' ? 'fn' : JSON.stringify(a)?.slice(0, 80))).join(', ')})`);
      throw new Error(`${label} is forbidden in this test`);
    };
  }
  return {
    attempts,
    restore() {
      for (const [obj, name, fn] of saved) (obj as Record<string, unknown>)[name] = fn;
    },
  };
}
