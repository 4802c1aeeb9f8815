import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { findPackageVersion } from '../../src/cli/package-version.js';
import { recordingIo } from './cli-fixture.js';

describe('rxllm main', () => {
  it.each([[['--help']], [['-h']], [['help']]])('%j prints the usage on stdout and exits 0', async (argv) => {
    const io = recordingIo();
    expect(await main(argv, io)).toBe(0);
    expect(io.out.join('')).toContain('Usage: rxllm <command>');
    expect(io.out.join('')).toContain('serve');
  });

  it('no command: the usage on stderr, exit 2', async () => {
    const io = recordingIo();
    expect(await main([], io)).toBe(2);
    expect(io.err.join('')).toContain('Usage: rxllm <command>');
    expect(io.out).toHaveLength(0);
  });

  it('an unknown command: a clear message on stderr, exit 2, no stack', async () => {
    const io = recordingIo();
    expect(await main(['launch'], io)).toBe(2);
    const err = io.err.join('');
    expect(err).toContain('unknown command "launch"');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('a bad flag: the command names it, exit 2, no stack', async () => {
    const io = recordingIo();
    expect(await main(['serve', '--frobnicate'], io)).toBe(2);
    expect(io.err.join('')).toContain('unknown option "--frobnicate"');
    expect(io.err.join('')).toContain('rxllm serve --help');
    expect(io.err.join('')).not.toMatch(/\n\s+at /);
  });

  it.each([[['--version']], [['-v']], [['run', '--version']], [['serve', '--version']]])('%j prints the version of the package and exits 0', async (argv) => {
    const io = recordingIo();
    expect(await main(argv, io)).toBe(0);
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(io.out.join('')).toBe(`${version}\n`);
  });

  it('finds the version from the built layout too (dist/cjs/cli, under a package.json of its own)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rxllm-version-'));
    try {
      mkdirSync(join(dir, 'dist', 'cjs', 'cli'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'rxllm', version: '9.8.7' }));
      writeFileSync(join(dir, 'dist', 'cjs', 'package.json'), JSON.stringify({ type: 'commonjs' }));
      expect(findPackageVersion(join(dir, 'dist', 'cjs', 'cli'))).toBe('9.8.7');
      expect(findPackageVersion(tmpdir())).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a misspelt flag of a command: "did you mean", exit 2, one line', async () => {
    const io = recordingIo();
    expect(await main(['run', 'in.txt', '--simulator', '--concurency', '4'], io)).toBe(2);
    expect(io.err.join('').split('\n')[0]).toBe('rxllm run: unknown option "--concurency"; did you mean "--concurrency"?');
  });

  it('a command failure (port taken) is exit 1 with a message', async () => {
    const first = recordingIo();
    const running = main(['serve', '--port', '0'], first);
    const port = Number(/:(\d+) /.exec(await first.firstLine())![1]);
    const io = recordingIo();
    expect(await main(['serve', '--port', String(port)], io)).toBe(1);
    expect(io.err.join('')).toContain('could not listen');
    first.shutdown();
    expect(await running).toBe(0);
  });
});
