// Writes a synthetic Go monorepo to disk: go.work, a shared pkg module, N service modules with
// fact-bearing files (config, bus, sandbox, main) among a bulk of ordinary code, proto APIs, and
// docs/runtime-services.md. Deterministic for a given scale and seed.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runtimeDoc } from './doc';
import { fillerFile } from './goFiller';
import { assignApis, buildModel, MODULE_ROOT, type ServiceModel } from './model';
import { Rng } from './rng';
import { busFile, configFile, goMod, goWork, mainFile, pkgGoMod, protoFile, sandboxFile, subjectsFile } from './sources';

/** Bumped whenever the generator's output changes, so a stale corpus on disk is rebuilt. */
const GENERATOR_VERSION = 5;

export interface CorpusOptions {
  scale: number;
  seed: number;
}

export interface Manifest {
  generator: number;
  scale: number;
  seed: number;
  services: number;
  goFiles: number;
  factFiles: number;
  protoFiles: number;
  bytes: number;
  goBytes: number;
  doc: string;
  docLines: number;
  /** A config file whose default the re-check measurement flips. */
  changeFile: string;
}

export const DEFAULTS = { services: 40, goFiles: 4000, protoFiles: 60, docLines: 2000, bytesPerGoFile: 10_000 };

export function corpusDir(base: string, o: CorpusOptions): string {
  return join(base, `corpus-s${o.scale}-seed${o.seed}`);
}

/** Generates the corpus unless an identical one is already on disk; returns its manifest. */
export function ensureCorpus(dir: string, o: CorpusOptions, log: (m: string) => void = () => undefined): Manifest {
  const manifestPath = join(dir, '.bench-manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (m.generator === GENERATOR_VERSION && m.scale === o.scale && m.seed === o.seed) return m;
  }
  rmSync(dir, { recursive: true, force: true });
  log(`generating corpus at scale ${o.scale} (seed ${o.seed}) in ${dir}`);
  const m = generate(dir, o);
  writeFileSync(manifestPath, JSON.stringify(m, null, 2));
  return m;
}

function generate(dir: string, o: CorpusOptions): Manifest {
  const rng = new Rng(o.seed);
  const serviceCount = Math.max(2, Math.round(DEFAULTS.services * o.scale));
  const goPerService = Math.round(DEFAULTS.goFiles / DEFAULTS.services);
  const services = buildModel(rng.fork('model'), serviceCount);
  const apis = assignApis(rng.fork('apis'), services, Math.max(1, Math.round(DEFAULTS.protoFiles * o.scale)));
  const m: Manifest = { generator: GENERATOR_VERSION, scale: o.scale, seed: o.seed, services: serviceCount, goFiles: 0, factFiles: 0, protoFiles: 0, bytes: 0, goBytes: 0, doc: 'docs/runtime-services.md', docLines: 0, changeFile: '' };
  const write = (rel: string, text: string) => {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    m.bytes += Buffer.byteLength(text);
    if (rel.endsWith('.go')) {
      m.goFiles++;
      m.goBytes += Buffer.byteLength(text);
    }
    if (rel.endsWith('.proto')) m.protoFiles++;
  };

  write('go.work', goWork(services));
  write('pkg/go.mod', pkgGoMod());
  write('pkg/subjects/subjects.go', subjectsFile(services));
  m.factFiles++;
  for (const s of services) {
    const base = `services/${s.name}`;
    write(`${base}/go.mod`, goMod(s));
    write(`${base}/cmd/${s.name}/main.go`, mainFile(s));
    write(`${base}/internal/config/config.go`, configFile(s));
    write(`${base}/internal/bus/bus.go`, busFile(s));
    m.factFiles += 2;
    let files = 3;
    if (s.container) {
      write(`${base}/internal/sandbox/sandbox.go`, sandboxFile(s));
      m.factFiles++;
      files++;
    }
    if (!m.changeFile) m.changeFile = `${base}/internal/config/config.go`;
    writeFiller(rng.fork(`filler:${s.name}`), s, goPerService - files, write);
  }
  apis.forEach((api) => {
    const path = api.pkg.replace(/\.v1$/, '').replace(/\./g, '/');
    write(`proto/${path}/v1/api.proto`, protoFile(api, `${MODULE_ROOT}/gen/${path}/v1;${path.split('/').pop()}v1`));
  });
  const doc = runtimeDoc(rng.fork('doc'), services, DEFAULTS.docLines);
  write(m.doc, doc);
  m.docLines = doc.split('\n').length;
  return m;
}

function writeFiller(rng: Rng, s: ServiceModel, count: number, write: (rel: string, text: string) => void): void {
  for (let i = 0; i < count; i++) {
    const pkg = s.packages[i % s.packages.length];
    const target = Math.round(DEFAULTS.bytesPerGoFile * (0.4 + rng.next() * 1.2));
    const text = fillerFile(rng, pkg, s.module, s.packages.filter((p) => p !== pkg), target, pkg === 'api');
    write(`services/${s.name}/internal/${pkg}/${pkg}_${String(i).padStart(3, '0')}.go`, text);
  }
}
