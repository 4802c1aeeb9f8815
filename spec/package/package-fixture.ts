// A throwaway copy of the package as npm would publish it: package.json, README, LICENSE, bin and a dist built
// from the current sources (the repository's dist/ when it is newer than every source, else a fresh build into
// a temporary directory), and helpers to pack it and to type-check a consumer project against it.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/** The newest modification time of the files under `path` (a file or a directory). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** True when dist/ was built (its last file written) after every input of the build changed. */
function distIsFresh(): boolean {
  const marker = join(ROOT, 'dist', 'cjs', 'package.json');
  if (!existsSync(marker) || !existsSync(join(ROOT, 'dist', 'esm', 'package.json'))) return false;
  const inputs = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.build.esm.json', join('scripts', 'build.mjs')];
  return statSync(marker).mtimeMs > Math.max(...inputs.map((p) => newest(join(ROOT, p))));
}

export interface PackageCopy {
  /** The temporary directory holding everything; remove it when done. */
  readonly dir: string;
  /** The package directory (package.json, README.md, LICENSE, bin, dist). */
  readonly pkg: string;
}

/** Builds (if needed) and copies the package into a temporary directory. */
export async function packageCopy(): Promise<PackageCopy> {
  const dir = mkdtempSync(join(tmpdir(), 'rxllm-package-'));
  const pkg = join(dir, 'rxllm');
  mkdirSync(pkg);
  if (distIsFresh()) {
    cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), { recursive: true });
  } else {
    await run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--out-dir', join(pkg, 'dist')], { cwd: ROOT, maxBuffer: 64 << 20 });
  }
  for (const name of ['package.json', 'README.md', 'LICENSE', 'bin']) {
    if (existsSync(join(ROOT, name))) cpSync(join(ROOT, name), join(pkg, name), { recursive: true });
  }
  return { dir, pkg };
}

/** What `npm pack --dry-run --json` reports for the package (scripts not run). */
export interface PackReport {
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

export async function packDryRun(pkg: string): Promise<PackReport> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkg, maxBuffer: 64 << 20 });
  return (JSON.parse(stdout) as PackReport[])[0]!;
}

/** Packs the package for real and unpacks it at `into` (a package directory as npm installs it). */
export async function packAndUnpack(pkg: string, into: string): Promise<void> {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', join(pkg, '..')], { cwd: pkg, maxBuffer: 64 << 20 });
  const tarball = join(pkg, '..', (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  mkdirSync(into, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', into, '--strip-components=1']);
}

/**
 * A consumer project at `dir` with rxllm unpacked in its node_modules (a real copy, as npm installs it) and
 * the given packages linked from this repository's node_modules: type-checks `files` with tsc
 * (`skipLibCheck: false`, NodeNext). Resolves to tsc's output, '' when it passed.
 */
export async function typeCheckConsumer(
  dir: string,
  unpacked: string,
  packages: readonly string[],
  files: Readonly<Record<string, string>>,
): Promise<string> {
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  cpSync(unpacked, join(dir, 'node_modules', 'rxllm'), { recursive: true });
  for (const name of packages) {
    mkdirSync(join(dir, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022', lib: ['ES2022'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
        skipLibCheck: false, noEmit: true, types: ['node'],
      },
      files: Object.keys(files),
    }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  try {
    await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, maxBuffer: 64 << 20 });
    return '';
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}` || String(error);
  }
}

export function removeCopy(copy: PackageCopy | undefined): void {
  if (copy) rmSync(copy.dir, { recursive: true, force: true });
}
