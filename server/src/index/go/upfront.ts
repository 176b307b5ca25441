// Which outline-only files must be parsed before resolution starts. The resolver reads the others
// in full on demand (a constant, helper or type it needs by name, the callers of a helper), but the
// fact families also go looking by themselves: every call of `Getenv` or `Publish`, every
// container or stream config literal, every struct with env tags. A file such a search could find
// is parsed up front: production code that names one of those APIs or tags, or whose package
// imports a library the facts come from (its calls go by generic names: `Get`, `String`, `Run`).
import type { FileExtract } from './extract';

/** APIs and tags named in the text of files whose facts are found by searching. */
const TEXT_GATE = /Getenv|LookupEnv|envconfig|env:"|envPrefix:"|caarlos0|EnvVar|\bHandle(?:Func)?\s*\(|\bListen(?:AndServe(?:TLS)?)?\s*\(|\bAddr\s*:/;

/**
 * Libraries whose calls or literals the families search for. A package importing one (in any of
 * its files, tests included, as the families' own import checks see it) has all its files parsed.
 */
const FACT_LIBRARIES =
  /^(github\.com\/nats-io\/nats\.go|github\.com\/(docker\/docker|moby\/moby)\/|go\.mongodb\.org\/mongo-driver|github\.com\/minio\/minio-go|github\.com\/(gorilla\/mux|go-chi\/chi|gin-gonic\/gin|labstack\/echo|julienschmidt\/httprouter)|github\.com\/prometheus\/client_golang|github\.com\/spf13\/(viper|pflag|cobra)|github\.com\/urfave\/cli|github\.com\/kelseyhightower\/envconfig|github\.com\/caarlos0\/env)/;

function pkgKey(f: FileExtract): string {
  return f.pkg.endsWith('_test') ? `${f.dir}#test` : f.dir;
}

/** Whether a file's text names an API or tag the families search for. */
export function mentionsFactApi(text: string): boolean {
  return TEXT_GATE.test(text);
}

/**
 * Indexes of the outline-only files among `files` that resolution needs parsed from the start.
 * `mentions` answers `mentionsFactApi` for the i-th file (callers remember it per content).
 */
export function readUpfront(files: readonly (FileExtract | null)[], mentions: (i: number) => boolean = (i) => mentionsFactApi(files[i]!.text)): number[] {
  const factPackages = new Set<string>();
  for (const f of files) {
    if (f && Object.values(f.imports).some((p) => FACT_LIBRARIES.test(p))) factPackages.add(pkgKey(f));
  }
  const out: number[] = [];
  files.forEach((f, i) => {
    if (!f?.outline || !f.factsAllowed) return;
    if (factPackages.has(pkgKey(f)) || mentions(i)) out.push(i);
  });
  return out;
}
