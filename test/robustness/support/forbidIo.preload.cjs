// Preloaded (`node --require`) into a spawned CLI or server: every way to start a process or open
// a connection records the attempt to $DOC_TRUTH_FORBID_LOG and throws. The parent test reads the log.
const { appendFileSync } = require('node:fs');

const log = process.env.DOC_TRUTH_FORBID_LOG;
if (!log) throw new Error('DOC_TRUTH_FORBID_LOG is not set');

const targets = [
  ...['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'].map((n) => [require('node:child_process'), n, `child_process.${n}`]),
  [require('node:net'), 'connect', 'net.connect'],
  [require('node:net'), 'createConnection', 'net.createConnection'],
  [require('node:net'), 'createServer', 'net.createServer'],
  [require('node:net').Socket.prototype, 'connect', 'net.Socket#connect'],
  [require('node:net').Server.prototype, 'listen', 'net.Server#listen'],
  [require('node:tls'), 'connect', 'tls.connect'],
  [require('node:http'), 'request', 'http.request'],
  [require('node:http'), 'get', 'http.get'],
  [require('node:https'), 'request', 'https.request'],
  [require('node:https'), 'get', 'https.get'],
  [require('node:http2'), 'connect', 'http2.connect'],
  [require('node:dgram'), 'createSocket', 'dgram.createSocket'],
  [require('node:dns'), 'lookup', 'dns.lookup'],
  [require('node:dns'), 'resolve', 'dns.resolve'],
  [require('node:dns').promises, 'lookup', 'dns.promises.lookup'],
  [require('node:dns').promises, 'resolve', 'dns.promises.resolve'],
  [globalThis, 'fetch', 'fetch'],
];

for (const [obj, name, label] of targets) {
  if (typeof obj[name] !== 'function') continue;
  obj[name] = (...args) => {
    appendFileSync(log, `${label}(${args.slice(0, 2).map((a) => (typeof a === 'function' ? 'fn' : String(JSON.stringify(a)).slice(0, 80))).join(', ')})\n`);
    throw new Error(`${label} is forbidden here`);
  };
}
appendFileSync(log, '');
