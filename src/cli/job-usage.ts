// The --help lines every job command (`rxllm run`, `rxllm embed`) shares, written once.

/** The --redis, --redis-key and --shard lines of a job command's --help (no trailing newline). */
export const SHARED_QUOTA_USAGE = `      --redis URL            share the rate limits through Redis (redis:// or rediss://; needs ioredis) with
                             every process using the same key: the other shards, machines, jobs. Checked at the
                             start (unreachable: exit 2); if Redis goes away later, each process falls back to its
                             share of the limits (1/N with --shard I/N), says so once, and goes back to Redis
      --redis-key KEY        the Redis key of the quota (default rxllm:quota:<model>, plus @<base-url> with
                             --base-url, @simulator with --simulator)
      --shard I/N            run only the input lines numbered I, I+N, I+2N... (1 <= I <= N, as jest --shard;
                             numbers in the whole input, blank lines included): N runs, on one machine or
                             several, each with its own -o and resume, split one input. Records keep the input's
                             line numbers, so the outputs concatenate into one; an id repeated across shards
                             runs once. Without --redis the rate limits apply to each process (said at start)`;


/** The simulator's tuning flags, -h, --version and the exit codes: the end of a job command's --help. */
export const SHARED_TAIL_USAGE = `      --simulator-latency MS, --simulator-seed N
      --simulator-fault-rate SPEC   e.g. 0.1 or rate-limit=0.05,server-error=0.05,reset=0.02
      --simulator-faults JSON       fault rules, e.g. [{"kind":"reset","probability":0.05}]
  -h, --help                 this help
      --version              the version of rxllm

Exit codes: 0 every line succeeded; 1 some lines failed or repeat an id; 2 a usage or I/O error (bad flag,
missing key, unreadable input, output locked by another run or unwritable, disk full), a fatal API error
(authentication, unknown model, exhausted quota) or a changed input line; 130 interrupted (Ctrl-C);
141 stdout closed by its reader (| head).`;
