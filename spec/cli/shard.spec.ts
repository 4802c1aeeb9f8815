import { UsageError } from '../../src/cli/cli-io.js';
import { defaultRedisKey } from '../../src/cli/job-flags.js';
import { describeRedisUrl } from '../../src/cli/job-rate-limit.js';
import { parseRunFlags, type RunConfig } from '../../src/cli/run-flags.js';
import { inShard, parseShard, shardLabel } from '../../src/cli/shard.js';

describe('--shard I/N', () => {
  it('parses 1-based shards and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '1.5/2', '-1/2', '1/-2', 'a/b', '1', '1/2/3', '', '99999999999999999999/1']) {
      expect(() => parseShard(bad)).toThrow(UsageError);
    }
    expect(shardLabel({ index: 2, count: 4 })).toBe('shard 2/4');
  });

  it('takes the lines whose 0-based number is I-1 modulo N: every line in exactly one shard', () => {
    const shards = [1, 2, 3].map((index) => ({ index, count: 3 }));
    for (let lineNo = 1; lineNo <= 30; lineNo++) expect(shards.filter((s) => inShard(s, lineNo))).toEqual([shards[(lineNo - 1) % 3]]);
    expect(inShard(undefined, 7)).toBe(true);
  });
});

describe('--redis, --redis-key, --rps', () => {
  it('are read with --shard into the config; the key defaults to one per model and endpoint', () => {
    const config = parseRunFlags(['in.jsonl', '--model', 'openai:gpt-4o-mini', '--rps', '50', '--tpm', '1000', '--redis', 'redis://:pw@r:6380/2', '--shard', '2/4']) as RunConfig;
    expect(config).toMatchObject({ rps: 50, tpm: 1000, redis: { url: 'redis://:pw@r:6380/2', key: 'rxllm:quota:openai:gpt-4o-mini' }, shard: { index: 2, count: 4 } });
    const keyed = parseRunFlags(['in.jsonl', '--simulator', '--rpm', '60', '--redis', 'rediss://r', '--redis-key', 'org-1:openai']) as RunConfig;
    expect(keyed.redis).toEqual({ url: 'rediss://r', key: 'org-1:openai' });
    expect(defaultRedisKey('openai:llama3', 'http://user:secret@gpu-box:8000/v1/', false)).toBe('rxllm:quota:openai:llama3@http://gpu-box:8000/v1');
    expect(defaultRedisKey('openai:gpt-4o-mini', undefined, true)).toBe('rxllm:quota:openai:gpt-4o-mini@simulator');
    expect(describeRedisUrl('redis://:s3cret@redis.internal:6380/2')).toBe('redis://redis.internal:6380/2');
    expect(describeRedisUrl('rediss://user:pw@r')).toBe('rediss://r:6379');
  });
});
