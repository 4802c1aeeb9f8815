import { main } from '../../src/cli/main.js';
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
    expect(io.err.join('')).toContain("'--frobnicate'");
    expect(io.err.join('')).toContain('rxllm serve --help');
    expect(io.err.join('')).not.toMatch(/\n\s+at /);
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
