import { existsSync, readFileSync } from 'node:fs';
import { main } from './src/cli/main.js';
import { startRedisServer } from './spec/support/redis-server.js';
import { tempDir, writePrompts } from './spec/cli/run-fixture.js';
async function go() {
  const redis = await startRedisServer();
  const dir = tempDir();
  writePrompts(dir.path('in.jsonl'), 60);
  const io = { stdout: () => undefined, stderr: (t: string) => void process.stdout.write(t), waitForShutdown: () => new Promise<string>(() => undefined) };
  const done = main(['run', dir.path('in.jsonl'), '-o', dir.path('out.jsonl'), '--simulator', '--shard', '1/2', '--redis', redis.url, '--rps', '40', '-c', '2', '--no-adaptive', '--no-progress'], io);
  while (!(existsSync(dir.path('out.jsonl')) && readFileSync(dir.path('out.jsonl'), 'utf8').split('\n').length > 6)) await new Promise((r) => setTimeout(r, 10));
  await redis.kill();
  console.log('code', await done);
  await redis.stop();
  dir.remove();
  setTimeout(() => {
    const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
    console.log(handles.map((h) => h.constructor.name), (process as unknown as { _getActiveRequests(): object[] })._getActiveRequests().length);
  }, 2000).unref();
}
void go();
